import type { FindingDetails } from '../checkers/finding.js';
import type { LogEvent } from '../driver/event-log.js';
import type { Busyness } from '../supervisor/busyness.js';
import type { ExitInfo } from '../supervisor/exit-info.js';

/** Everything a failed run shows, for telling what went wrong from how it looked. */
export interface FailureEvidence {
  /** The suite's name: whether bytes may pass between clients depends on the protocol. */
  readonly suite: string;
  readonly details: FindingDetails;
  readonly events: readonly LogEvent[];
  /** How the server ended, when it ended during the run. */
  readonly exit: ExitInfo | undefined;
  /** When it ended, on the events' clock (ms since the run began), where that is known. */
  readonly exitAtMs?: number | undefined;
  readonly stderr: string;
  readonly stdout: string;
  /** Connections the server had not accept()ed when the run failed, where the platform shows it. */
  readonly unaccepted: number | undefined;
  /**
   * Bytes the client named in the finding sent that the server had not read when the run failed,
   * where the platform shows it.
   */
  readonly unread?: number | undefined;
  /** How busy the server was while connections waited unaccepted, where the platform shows it. */
  readonly busy?: Busyness | undefined;
}
