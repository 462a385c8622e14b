import type { ByteDiff } from '../checkers/byte-diff.js';
import type { FailureKind } from '../checkers/finding.js';
import type { EventKind } from '../driver/event-log.js';

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'error';

/**
 * The kinds of finding, plus those of a test conform could not judge: a failure of conform itself,
 * a submission whose build failed, one whose time budget (`conform grade`) ran out, a port held by
 * a program conform did not start, and a server on a port of its own under --given-port-only.
 */
export type FailureReportKind =
  FailureKind | 'internal' | 'suite' | 'build' | 'budget' | 'foreign-port' | 'fixed-port';

/** Kinds that say why no test of a run could be judged: every test carries the same failure. */
export const wholeRunKinds: ReadonlySet<FailureReportKind> = new Set([
  'startup',
  'build',
  'budget',
  'foreign-port',
  'fixed-port',
]);

export interface ServerExitReport {
  readonly code: number | null;
  readonly signal: string | null;
}

/** One step of a failing run, as a sequence diagram draws it: what a client did, or what the server sent it. */
export interface ExchangeStep {
  /** Milliseconds since the run began. */
  readonly atMs: number;
  /** The client connection (c1, alice); `#` for a note about the whole run. */
  readonly conn: string;
  readonly kind: Exclude<EventKind, 'fail'>;
  /** The bytes it carried, as an escaped literal cut to 48 bytes: "ab\x00c"…(1025 bytes in all). */
  readonly bytes?: string;
  /** How many bytes it carried in all. */
  readonly size?: number;
  readonly detail?: string;
  /** How many steps were left out just before this one, to keep the exchange bounded. */
  readonly omittedBefore?: number;
  /** The step at which the failure showed. */
  readonly failing?: true;
  /** On the failing step: what happened there, as the counterexample script says it. */
  readonly outcome?: string;
  /** A delivery the client expected that never arrived (kind `expect`), placed where the failure showed. */
  readonly missing?: true;
}

/** The failing run's exchange, step by step: at most a few hundred steps, with a count of those left out. */
export interface Exchange {
  readonly steps: readonly ExchangeStep[];
  readonly omitted: number;
}

/** Everything a person needs to understand and reproduce one failing test. Read-only, plain data. */
export interface FailureReport {
  readonly kind: FailureReportKind;
  /** One sentence: what went wrong. */
  readonly message: string;
  /** The shrunk counterexample as script lines (`c1 = connect()`, `c1.write("ab")`, ...). */
  readonly counterexample: readonly string[] | null;
  /**
   * Whether `counterexample` is the smallest failing case a search of random cases found (true), not
   * a test's fixed script (absent).
   */
  readonly searched?: true;
  /** Timestamped events of the failing run, one per line. */
  readonly transcript: readonly string[];
  /** A command line that re-runs exactly this failure. */
  readonly replay: string | null;
  readonly serverOutputTail: { readonly stdout: string; readonly stderr: string } | null;
  /** How the server ended, when it ended during the test. */
  readonly exit: ServerExitReport | null;
  readonly hint: string | null;
  /**
   * What the hint says went wrong, as a stable id (`other-client-bytes`, `greeting`, `limit`), when it
   * was recognised from the failure; null when the hint is the test's own, or there is none.
   */
  readonly cause: string | null;
  /**
   * The test whose failure shows `cause` by its own evidence, where that is another test: the run's
   * diagnosis explains this failure by what that one showed (the hint then begins `As <test> shows:`).
   */
  readonly shownBy?: string;
  /**
   * The test whose requirement the failing step belongs to, where that is another test's (a rename
   * in chat.who is chat.nick's): the hint is that rule's, and `cause` is `rule:<test>`.
   */
  readonly rule?: string;
  /**
   * What the failure shows that names no cause by itself (`unanswered-without-newline`: nothing came
   * back of bytes that hold no newline); the run's diagnosis may explain it by what another test shows.
   */
  readonly seen?: readonly string[];
  readonly expected: string | null;
  readonly actual: string | null;
  readonly diff: ByteDiff | null;
  /** The failing run step by step, for a sequence diagram; absent where there was no run to show. */
  readonly exchange?: Exchange;
}

export interface TestResult {
  readonly id: string;
  readonly title: string;
  readonly requirement: string;
  readonly status: TestStatus;
  readonly durationMs: number;
  readonly score: number;
  readonly maxScore: number;
  readonly failure?: FailureReport;
  readonly skipReason?: string;
}
