import type { EventLog } from '../driver/event-log.js';
import type { Finding } from '../checkers/finding.js';
import type { ExitInfo } from '../supervisor/exit-info.js';
import type { Busyness } from '../supervisor/busyness.js';

/** What the server had done when a run failed. */
export interface ServerState {
  /** Set when the server ended by itself during the run. */
  readonly exit: ExitInfo | undefined;
  /** When conform saw it end, on performance.now()'s clock. */
  readonly exitedAt?: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** Limits the server ran into, each the end of a sentence beginning "the server". */
  readonly limitsReached?: readonly string[];
  /** Connections waiting in the server's listen queue, never accept()ed, when the platform shows it. */
  readonly unaccepted?: number;
  /** Bytes the client the failure is about sent that the server had not read, when the platform shows it. */
  readonly unread?: number;
  /** How busy the server was while connections waited unaccepted, where the platform shows it. */
  readonly busy?: Busyness;
}

/** Where a failing run sits in a property search, to replay it exactly. */
export interface PropertyPosition {
  readonly seed: number;
  readonly path: string;
  readonly numRuns: number;
  readonly numShrinks: number;
  /** fast-check's replay path through the commands of a model-based property. */
  readonly commands?: string;
  /** Shrinking ran out of time: a smaller failing case may exist. */
  readonly shrinkingCut: boolean;
}

/** A run that found a problem: the finding, the run's log and the server's state at that moment. */
export class RunFailure extends Error {
  readonly finding: Finding;
  readonly log: EventLog;
  readonly server: ServerState | undefined;
  readonly property: PropertyPosition | undefined;

  constructor(finding: Finding, log: EventLog, server: ServerState | undefined, property?: PropertyPosition) {
    super(finding.message, { cause: finding });
    this.name = 'RunFailure';
    this.finding = finding;
    this.log = log;
    this.server = server;
    this.property = property;
  }

  at(property: PropertyPosition): RunFailure {
    return new RunFailure(this.finding, this.log, this.server, property);
  }
}
