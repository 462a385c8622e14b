import type { Reporter } from '../../reports/reporter.js';
import { summarize, type RunReport } from '../results/run-report.js';
import type { FailureReport, TestResult } from '../results/test-result.js';
import { reportInterrupted } from './failure-report.js';
import { skipReason, type Selection } from './select-tests.js';
import { runTest } from './run-test.js';
import { ServerPool, type LaunchSettings } from './server-pool.js';
import type { Suite } from './suite.js';
import type { TestSettings } from './test-settings.js';

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
  const selected = plan.suite.tests.filter((test) => skipReason(test, plan.selection) === undefined);
  await emit(reporters, (reporter) =>
    reporter.onRunStart?.({
      suite: plan.suite.name,
      suiteTitle: plan.suite.title,
      seed: plan.settings.seed,
      target: plan.targetDisplay,
      selected: selected.length,
      total: plan.suite.tests.length,
    }),
  );
  const results: TestResult[] = [];
  let neverStarted: FailureReport | undefined;
  for (const test of plan.suite.tests) {
    const reason = skipReason(test, plan.selection);
    let result: TestResult;
    if (reason !== undefined) {
      result = notRun(test, 'skipped', reason);
    } else if (neverStarted !== undefined || signal.aborted) {
      result = notRun(
        test,
        'error',
        undefined,
        neverStarted ?? { ...reportInterrupted(signal), message: 'not run: the run was interrupted' },
      );
    } else {
      await emit(reporters, (reporter) =>
        reporter.onTestStart?.({
          id: test.id,
          title: test.title,
          index: selected.indexOf(test),
          count: selected.length,
        }),
      );
      if (test === selected.at(-1)) pool.lastTest();
      result = await runTest(test, {
        pool,
        settings: plan.settings,
        signal,
        replayCommand: plan.replayCommand,
      });
      if (result.status === 'error' && result.failure?.kind === 'startup' && !pool.everStarted) {
        neverStarted = {
          ...result.failure,
          message: `not run: the server never started (${result.failure.message})`,
        };
      }
    }
    results.push(result);
    await emit(reporters, (reporter) => reporter.onTestEnd?.(result));
  }
  await pool.close();
  const report: RunReport = {
    schemaVersion: 1,
    conformVersion: plan.conformVersion,
    suite: plan.suite.name,
    seed: plan.settings.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    target: { command: plan.targetDisplay, port: pool.firstPort },
    summary: summarize(results),
    tests: results,
  };
  await emit(reporters, (reporter) => reporter.onRunEnd?.(report));
  return report;
}

function notRun(
  test: Suite['tests'][number],
  status: 'skipped' | 'error',
  skipReason?: string,
  failure?: FailureReport,
): TestResult {
  return {
    id: test.id,
    title: test.title,
    requirement: test.requirement,
    status,
    durationMs: 0,
    score: 0,
    maxScore: test.points ?? 1,
    ...(skipReason !== undefined && { skipReason }),
    ...(failure !== undefined && { failure }),
  };
}

async function emit(reporters: readonly Reporter[], call: (reporter: Reporter) => unknown): Promise<void> {
  for (const reporter of reporters) await call(reporter);
}
