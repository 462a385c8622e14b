import type { SandboxReport } from '../harness/supervisor/sandbox/sandbox.js';
import type { RunReport } from '../harness/results/run-report.js';
import type { TestResult } from '../harness/results/test-result.js';

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
}

export interface TestStart {
  readonly id: string;
  readonly title: string;
  readonly index: number;
  readonly count: number;
}

/**
 * A reporter formats results; it never decides them. Every hook is optional, and each receives
 * read-only data. A hook may return a promise: the run waits for it (files are written before exit).
 */
export interface Reporter {
  onRunStart?(start: RunStart): void | Promise<void>;
  onTestStart?(test: TestStart): void | Promise<void>;
  onTestEnd?(result: TestResult): void | Promise<void>;
  onRunEnd?(report: RunReport): void | Promise<void>;
}
