/**
 * Process groups conform has started and not yet seen end. Whatever way conform itself exits,
 * they are killed on the way out: no server outlives a run.
 */
const live = new Set<number>();
let hooked = false;

function killAll(): void {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

export function trackGroup(pgid: number): void {
  if (!hooked) {
    process.once('exit', killAll);
    hooked = true;
  }
  live.add(pgid);
}

export function untrackGroup(pgid: number): void {
  live.delete(pgid);
}

export function liveGroupCount(): number {
  return live.size;
}
