import type { SandboxReport } from '../supervisor/sandbox/sandbox.js';
import { runDiagnoses, type RunDiagnosis } from './run-diagnoses.js';
import type { TestResult } from './test-result.js';

export interface RunSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errors: number;
  readonly score: number;
  readonly maxScore: number;
}

/** A whole run, as the JSON report writes it (schema version 1). */
export interface RunReport {
  readonly schemaVersion: 1;
  readonly conformVersion: string;
  readonly suite: string;
  readonly seed: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly target: { readonly command: string; readonly port: number | null };
  /** The limits and isolation the servers ran under; absent where no server was started. */
  readonly sandbox?: SandboxReport;
  /** What the run says about itself as a whole, each once: what could not be checked here, and how. */
  readonly notes?: readonly string[];
  readonly summary: RunSummary;
  /** The distinct problems the failures show, each with the tests it explains; absent where none is shown. */
  readonly diagnoses?: readonly RunDiagnosis[];
  readonly tests: readonly TestResult[];
}

/** Counts and points over the results; skipped tests count toward neither score nor maximum. */
export function summarize(tests: readonly TestResult[]): RunSummary {
  const count = (status: TestResult['status']): number =>
    tests.filter((test) => test.status === status).length;
  const counted = tests.filter((test) => test.status !== 'skipped');
  return {
    total: tests.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    errors: count('error'),
    score: counted.reduce((sum, test) => sum + test.score, 0),
    maxScore: counted.reduce((sum, test) => sum + test.maxScore, 0),
  };
}

/** A report of the results, with its summary worked out from them. */
export function runReport(run: Omit<RunReport, 'schemaVersion' | 'summary' | 'diagnoses'>): RunReport {
  const { tests, ...about } = run;
  // The summary and the diagnoses come before the tests, where a person reading the file looks first.
  const diagnoses = runDiagnoses(tests);
  return {
    schemaVersion: 1,
    ...about,
    summary: summarize(tests),
    ...(diagnoses.length > 0 && { diagnoses }),
    tests,
  };
}
