import type { ResolvedConfig } from '../config/resolve-config.js';

/** What the status line needs to know of where the terminal report goes. */
export interface TerminalStdout {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * A status line of the tests running, only where a person watches: the terminal report goes to
 * stdout (no report takes stdout), stdout is a terminal that can erase a line, the run is not in CI
 * (whose logs keep every byte), and --quiet was not given.
 */
export function statusLineWanted(
  config: Pick<ResolvedConfig, 'terminalStream' | 'verbosity'>,
  stdout: TerminalStdout,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return (
    config.terminalStream === 'stdout' &&
    config.verbosity !== 'quiet' &&
    stdout.isTTY === true &&
    env.TERM !== 'dumb' &&
    env.CI === undefined
  );
}
