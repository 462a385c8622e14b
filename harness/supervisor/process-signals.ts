/** Signals a process group; one already gone is no error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  signalProcess(-pgid, signal);
}

/** Whether a process (or, for a negative number, a process group) still exists, zombies included. */
export function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals one process; one already gone is no error. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
