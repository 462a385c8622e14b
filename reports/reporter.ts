import type { SandboxReport } from '../harness/supervisor/sandbox/sandbox.js';
import type { RunReport } from '../harness/results/run-report.js';
import type { TestResult } from '../harness/results/test-result.js';
import type { Selection } from '../harness/runner/select-tests.js';

export interface RunStart {
  readonly suite: string;
  readonly suiteTitle: string;
  readonly seed: number;
  readonly target: string;
  /** What conform could not check on this system, in one line. */
  readonly note?: string;
  readonly selected: number;
  readonly total: number;
  /** The limits and isolation every server runs under. */
  readonly sandbox?: SandboxReport;
  /** The --only and --skip globs that chose the tests, when the run was given any. */
  readonly selection?: Selection;
}

export interface TestStart {
  readonly id: string;
  readonly title: string;
  readonly index: number;
  readonly count: number;
}

/** How far a running test has got. Sent on every run, so a hook that takes it must be cheap. */
export interface TestProgress {
  readonly id: string;
  /** Runs begun so far by the property running (0 before the first, and in a test without one). */
  readonly run: number;
  /** The runs the property makes unless one fails; undefined outside a property, and in a replay. */
  readonly runs: number | undefined;
  /** True once a run has failed: the runs after it try smaller cases. */
  readonly shrinking: boolean;
  /** Smaller cases tried since the failure. */
  readonly shrinkSteps: number;
  /** Time since the test began. */
  readonly elapsedMs: number;
  /** True in a test's last event: it has ended; onTestEnd reports it in the suite's order. */
  readonly ended: boolean;
}

/**
 * A reporter formats results; it never decides them. Every hook is optional, and each receives
 * read-only data. A hook may return a promise: the run waits for it (files are written before exit).
 */
export interface Reporter {
  onRunStart?(start: RunStart): void | Promise<void>;
  /** A note about the whole run, learned while it runs (it is in the report's `notes` too). */
  onRunNote?(note: string): void | Promise<void>;
  onTestStart?(test: TestStart): void | Promise<void>;
  /**
   * Tests running at once each send theirs, before or after their onTestStart. Called synchronously
   * and not awaited, from inside the test's runs.
   */
  onTestProgress?(progress: TestProgress): void;
  onTestEnd?(result: TestResult): void | Promise<void>;
  onRunEnd?(report: RunReport): void | Promise<void>;
  /**
   * The run stopped on an error of conform's own (or a reporter's), and no report follows: clear
   * whatever is drawn in place, so the error that is printed next starts on a line of its own.
   */
  onRunAbort?(): void;
}
