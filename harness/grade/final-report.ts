import { notRunReport } from '../runner/not-run-report.js';
import type { RunReport } from '../results/run-report.js';
import { runReport } from '../results/run-report.js';
import type { FailureReport, TestResult } from '../results/test-result.js';
import { plainFailure } from '../runner/failure-report.js';
import type { Selection } from '../runner/select-tests.js';
import type { Suite } from '../runner/suite.js';
import type { SubmissionRunOutcome } from './run-submission.js';

/**
 * The report a submission is graded by. A run cut off at its budget keeps the results of the tests
 * it finished; the rest become errors of kind `budget`, never a silent pass or fail. A conform that
 * ended without a report is an `internal` error carrying its last output.
 */
export function finalReport(
  outcome: SubmissionRunOutcome,
  about: {
    readonly suite: Suite;
    readonly selection: Selection;
    readonly seed: number;
    readonly budgetMs: number;
  },
): RunReport {
  const budget = plainFailure(
    'budget',
    `not graded: the submission ran past its time budget of ${about.budgetMs / 1000} s (--submission-timeout)`,
    {
      hint: 'A server that hangs or stops answering uses up the budget: run conform on it alone to see where.',
    },
  );
  const { report } = outcome;
  if (report !== undefined) {
    if (!outcome.budgetExceeded) return report;
    const tests: TestResult[] = report.tests.map((test) =>
      test.status === 'error' && test.failure?.kind === 'interrupted' ? { ...test, failure: budget } : test,
    );
    const { conformVersion, suite, seed, startedAt, durationMs, target } = report;
    return runReport({ conformVersion, suite, seed, startedAt, durationMs, target, tests });
  }
  const failure: FailureReport = outcome.budgetExceeded
    ? budget
    : plainFailure(
        outcome.interrupted ? 'interrupted' : 'internal',
        outcome.interrupted
          ? 'not graded: grading was stopped'
          : `conform could not grade this submission: it ended with exit code ${outcome.exitCode ?? 'none'} and wrote no report`,
        { transcript: outcome.output.split('\n').slice(-40) },
      );
  return notRunReport({
    suite: about.suite,
    suiteName: about.suite.name,
    seed: about.seed,
    target: '',
    failure,
    durationMs: outcome.durationMs,
    selection: about.selection,
  });
}
