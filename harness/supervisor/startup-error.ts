import type { ExitInfo } from './exit-info.js';

/**
 * Why a server did not start. `foreign-port` (another program holds the port) is no fault of the
 * server's: nothing can be tested. `not-given-port`: the server listens on a port of its own
 * choosing where the run asked for the given port only.
 */
export type StartupFailureReason =
  'exited' | 'timeout' | 'foreign-port' | 'port-in-use' | 'interrupted' | 'not-given-port';

/** The server could not be brought to the point of accepting connections. */
export class StartupError extends Error {
  readonly reason: StartupFailureReason;
  readonly exit: ExitInfo | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly hint: string | undefined;

  constructor(
    reason: StartupFailureReason,
    message: string,
    details: { exit?: ExitInfo; stdout?: string; stderr?: string; hint?: string } = {},
  ) {
    super(message);
    this.name = 'StartupError';
    this.reason = reason;
    this.exit = details.exit;
    this.stdout = details.stdout ?? '';
    this.stderr = details.stderr ?? '';
    this.hint = details.hint;
  }

  /** Whether the cause lies outside the server, so that no test can be run against it. */
  get blocksTesting(): boolean {
    return this.reason === 'foreign-port' || this.reason === 'not-given-port';
  }
}
