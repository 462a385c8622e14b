import { conformVersion } from '../cli/version.js';
import { runReport, type RunReport } from '../results/run-report.js';
import type { FailureReport } from '../results/test-result.js';
import { notRun } from './not-run.js';
import { skipReason, type Selection } from './select-tests.js';
import type { Suite } from './suite.js';

/** The report of a run whose tests could not run at all, each marked `error` with the same failure. */
export function notRunReport(about: {
  readonly suite: Suite | undefined;
  readonly suiteName: string;
  readonly seed: number;
  readonly target: string;
  readonly failure: FailureReport;
  readonly durationMs?: number;
  /** Tests left out by --only or --skip stay skipped, so the maximum is that of a run. */
  readonly selection?: Selection;
}): RunReport {
  return runReport({
    conformVersion: conformVersion(),
    suite: about.suiteName,
    seed: about.seed,
    startedAt: new Date().toISOString(),
    durationMs: about.durationMs ?? 0,
    target: { command: about.target, port: null },
    tests: (about.suite?.tests ?? []).map((test) => {
      const skip = about.selection === undefined ? undefined : skipReason(test, about.selection);
      return skip === undefined
        ? notRun(test, 'error', { failure: about.failure })
        : notRun(test, 'skipped', { skipReason: skip });
    }),
  });
}
