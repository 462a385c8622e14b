import type { FailureKind } from '../checkers/finding.js';
import type { RunKnowledge } from './run-knowledge.js';

/** No try waits less than this for a reply, however quick the server has been. */
const floorMs = 200;

/**
 * How long a read waits for a reply in a try while shrinking: what this server has shown it needs
 * (four times the 95th percentile of the waits its replies took in this run), at most the full wait;
 * undefined, the full wait, for a server that has not replied yet and so has shown nothing. A
 * failing case's read waits out its whole wait; at the full wait a shrink gets through a few tries.
 */
export function shrinkWaitMs(knowledge: RunKnowledge, fullMs: number): number | undefined {
  const waits = knowledge.replyWaits;
  const wait = waits.quietMs(Math.min(floorMs, fullMs), fullMs);
  return waits.seen && wait < fullMs ? wait : undefined;
}

/** Failures that are a wait running out, which a shorter wait may have cut short. */
const waitKinds: ReadonlySet<FailureKind> = new Set(['timeout', 'not-closed', 'not-accepted']);

/** Whether a failure of this kind is a wait that ran out: one that a try's shorter wait may have caused. */
export function waitedOut(kind: FailureKind): boolean {
  return waitKinds.has(kind);
}
