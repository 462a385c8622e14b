import type { Reporter } from '../../reports/reporter.js';
import { runReport, type RunReport } from '../results/run-report.js';
import type { FailureReport, TestResult } from '../results/test-result.js';
import { plainFailure } from './failure-report.js';
import { notRun } from './not-run.js';
import { skipReason, type Selection } from './select-tests.js';
import { runTest } from './run-test.js';
import { ServerPool, type LaunchSettings } from './server-pool.js';
import type { Suite } from './suite.js';
import type { TestSettings } from './test-settings.js';

/** Kinds of error after which no test can run: the server does not start where it can be tested. */
const stopsTheRun: ReadonlySet<FailureReport['kind']> = new Set(['startup', 'foreign-port', 'fixed-port']);

export interface RunPlan {
  readonly suite: Suite;
  readonly selection: Selection;
  readonly settings: TestSettings;
  readonly launch: LaunchSettings;
  /** The server command as a person would type it. */
  readonly targetDisplay: string;
  readonly replayCommand: (args: readonly string[]) => string;
  readonly conformVersion: string;
}

/** Runs the selected tests one after another, each on servers of its own, and reports as it goes. */
export async function runSuite(
  plan: RunPlan,
  reporters: readonly Reporter[],
  signal: AbortSignal,
): Promise<RunReport> {
  const startedAt = new Date();
  const started = performance.now();
  const pool = new ServerPool(plan.launch, signal);
  const sandbox = plan.launch.sandbox?.report;
  const plannedTests = plan.suite.tests.map((test) => ({
    test,
    skipReason: skipReason(test, plan.selection),
  }));
  const selected = plannedTests.filter((entry) => entry.skipReason === undefined);
  const results: TestResult[] = [];
  try {
    await emit(reporters, (reporter) =>
      reporter.onRunStart?.({
        suite: plan.suite.name,
        suiteTitle: plan.suite.title,
        seed: plan.settings.seed,
        target: plan.targetDisplay,
        ...(plan.launch.platform.note !== undefined && { note: plan.launch.platform.note }),
        selected: selected.length,
        total: plan.suite.tests.length,
        ...(sandbox !== undefined && { sandbox }),
      }),
    );
    // Set when nothing more can be tested: the server never started, or its port is held by another program.
    let untestable: FailureReport | undefined;
    for (const entry of plannedTests) {
      const { test } = entry;
      let result: TestResult;
      if (entry.skipReason !== undefined) {
        result = notRun(test, 'skipped', { skipReason: entry.skipReason });
      } else if (untestable !== undefined || signal.aborted) {
        const failure = untestable ?? plainFailure('interrupted', 'not run: the run was interrupted');
        result = notRun(test, 'error', { failure });
      } else {
        const index = selected.indexOf(entry);
        await emit(reporters, (reporter) =>
          reporter.onTestStart?.({ id: test.id, title: test.title, index, count: selected.length }),
        );
        if (index === selected.length - 1) pool.lastTest();
        result = await runTest(test, {
          pool,
          settings: plan.settings,
          signal,
          replayCommand: plan.replayCommand,
        });
        const failure = result.failure;
        if (result.status === 'error' && failure !== undefined && stopsTheRun.has(failure.kind)) {
          const why = pool.everStarted ? failure.message : `the server never started (${failure.message})`;
          untestable = { ...failure, message: `not run: ${why}` };
        }
      }
      results.push(result);
      await emit(reporters, (reporter) => reporter.onTestEnd?.(result));
    }
  } finally {
    // Servers started ahead are stopped however the run ends, a reporter's failure included.
    await pool.close();
  }
  const report = runReport({
    conformVersion: plan.conformVersion,
    suite: plan.suite.name,
    seed: plan.settings.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    target: { command: plan.targetDisplay, port: pool.firstPort },
    ...(sandbox !== undefined && { sandbox }),
    tests: results,
  });
  await emit(reporters, (reporter) => reporter.onRunEnd?.(report));
  return report;
}

async function emit(reporters: readonly Reporter[], call: (reporter: Reporter) => unknown): Promise<void> {
  for (const reporter of reporters) await call(reporter);
}
