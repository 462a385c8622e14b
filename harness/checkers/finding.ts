import type { Hint } from '../hints/phrasing.js';
import type { ByteDiff } from './byte-diff.js';

/** What kind of misbehaviour a finding reports; stable strings, part of the JSON report. */
export type FailureKind =
  | 'mismatch'
  | 'eof'
  | 'reset'
  | 'timeout'
  | 'flood'
  | 'refused'
  | 'not-accepted'
  | 'not-closed'
  | 'extra-bytes'
  | 'server-exit'
  | 'startup'
  | 'interrupted';

export interface FindingDetails {
  readonly kind: FailureKind;
  /** One sentence saying what went wrong. */
  readonly message: string;
  /** The connection the finding is about, as named in the script (c1, alice). */
  readonly conn?: string;
  /** What arrived, in the words of a script line: `got "ab" then EOF`. */
  readonly outcome?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly diff?: ByteDiff;
  /** For a failed read of known bytes: how many of them had arrived, correct, before it failed. */
  readonly received?: number;
  /**
   * Where a stream went on further along: the bytes from `offset`, `length` of them, never came, and
   * what came next is what followed them (a send that took part of what it was given, the rest dropped).
   */
  readonly skipped?: { readonly offset: number; readonly length: number };
  /** For a read of known bytes that failed: those of them that never came. */
  readonly owed?: Uint8Array;
  /**
   * The last byte that came on the connection before the failure, or null when none came: where a
   * stream stopped (at a newline, say) tells how the server reads.
   */
  readonly lastByte?: number | null;
  readonly hint?: Hint;
  /**
   * The test whose requirement the failing step belongs to (a close, a rename, a QUIT), where the
   * suite knows it: a test that fails at another rule's step is explained by that rule.
   */
  readonly rule?: string;
  /** The cause `hint` is about, a stable id for the report (`nul-cut`, `mixed-lines`). */
  readonly cause?: string;
  /** The bytes a mismatch compared (a line, or a window of a stream), to tell how they differ. */
  readonly compared?: {
    readonly expected: Uint8Array;
    readonly actual: Uint8Array;
    /** The client that sent the expected bytes, where another client's line was relayed. */
    readonly sender?: string;
  };
}

/** A way the server under test broke the protocol. Thrown by checkers; a test result, never a harness error. */
export class Finding extends Error {
  readonly details: FindingDetails;

  constructor(details: FindingDetails, options?: ErrorOptions) {
    super(details.message, options);
    this.name = 'Finding';
    this.details = details;
  }

  /** The same finding with more said about it (a hint, a better message). */
  with(extra: Partial<FindingDetails>): Finding {
    return new Finding({ ...this.details, ...extra }, { cause: this.cause });
  }
}

export function isFinding(error: unknown): error is Finding {
  return error instanceof Finding;
}
