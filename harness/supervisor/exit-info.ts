/** How a server process ended. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
  /** Set when the process could not be started at all (command not found, not executable). */
  readonly spawnError?: string;
}

export function describeExit(exit: ExitInfo): string {
  if (exit.spawnError !== undefined) return `could not be started (${exit.spawnError})`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? '?'}`;
}
