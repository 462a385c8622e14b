/**
 * Process groups conform has started and not yet seen end, killed when conform's process exits:
 * no server outlives a run. This relies on Node's exit event, which comes on every way out except
 * SIGKILL and signals without a handler (the CLI handles SIGINT, SIGTERM and SIGHUP).
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
