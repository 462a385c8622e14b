import type { FailureEvidence } from './failure-evidence.js';
import type { Phrasing } from './phrasing.js';

/** A likely cause, recognised from what a failure shows, with what to do about it. */
export interface Diagnosis {
  /** A stable id for the cause, part of the JSON report: `other-client-bytes`, `greeting`, ... */
  readonly cause: string;
  readonly hint: Phrasing;
}

/** One way to recognise a cause; undefined when the failure does not show it. */
export type Sign = (evidence: FailureEvidence) => Diagnosis | undefined;
