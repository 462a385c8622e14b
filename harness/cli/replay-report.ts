import type { Reporter } from '../../reports/reporter.js';
import type { RunReport } from '../results/run-report.js';
import type { Selection } from '../runner/select-tests.js';

/** Feeds a report made without running (a build that failed) to reporters, hook by hook, as a run would. */
export async function replayReport(
  report: RunReport,
  suiteTitle: string,
  reporters: readonly Reporter[],
  selection?: Selection,
): Promise<void> {
  const selected = report.tests.filter((test) => test.status !== 'skipped').length;
  for (const reporter of reporters) {
    await reporter.onRunStart?.({
      suite: report.suite,
      suiteTitle,
      seed: report.seed,
      target: report.target.command,
      selected,
      total: report.tests.length,
      ...(selection !== undefined && { selection }),
    });
  }
  for (const test of report.tests) for (const reporter of reporters) await reporter.onTestEnd?.(test);
  for (const reporter of reporters) await reporter.onRunEnd?.(report);
}
