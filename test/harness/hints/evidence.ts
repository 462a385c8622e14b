import type { FindingDetails } from '../../../harness/checkers/finding.js';
import type { EventKind, LogEvent } from '../../../harness/driver/event-log.js';
import type { FailureEvidence } from '../../../harness/hints/failure-evidence.js';

/** One log event: `[at, conn, kind, bytes or size, detail]`. */
export type Step = readonly [number, string, EventKind, (string | number)?, string?];

export function log(...steps: readonly Step[]): LogEvent[] {
  return steps.map(([at, conn, kind, data, detail]) => ({
    at,
    conn,
    kind,
    ...(typeof data === 'string' && { preview: Buffer.from(data, 'latin1'), size: data.length }),
    ...(typeof data === 'number' && { size: data }),
    ...(detail !== undefined && { detail }),
  }));
}

/** Evidence of a failed run, with what a test does not give left empty. */
export function evidence(
  details: Partial<FindingDetails> & Pick<FindingDetails, 'kind'>,
  events: readonly LogEvent[] = [],
  more: Partial<FailureEvidence> = {},
): FailureEvidence {
  return {
    suite: 'echo',
    details: { message: 'the failure', ...details },
    events,
    exit: undefined,
    stderr: '',
    stdout: '',
    unaccepted: undefined,
    ...more,
  };
}
