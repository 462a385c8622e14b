import type { Reporter, TestProgress } from '../../reports/reporter.js';
import { diagnoseRun } from '../hints/run-diagnosis.js';
import { runReport, type RunReport } from '../results/run-report.js';
import type { FailureReport, TestResult } from '../results/test-result.js';
import { plainFailure } from './failure-report.js';
import { launchTests, type TestOutcome } from './launch-tests.js';
import { notRun } from './not-run.js';
import { ProgressFeed } from './progress-feed.js';
import { skipReason, type Selection } from './select-tests.js';
import { RunKnowledge } from './run-knowledge.js';
import { runTest } from './run-test.js';
import { ServerPool, type LaunchSettings } from './server-pool.js';
import type { ConformanceTest, Suite } from './suite.js';
import type { TestSettings } from './test-settings.js';

/** Kinds of error after which no test can run: the server does not start where it can be tested. */
const stopsTheRun: ReadonlySet<FailureReport['kind']> = new Set(['startup', 'foreign-port', 'fixed-port']);

export interface RunPlan {
  readonly suite: Suite;
  readonly selection: Selection;
  readonly settings: TestSettings;
  readonly launch: LaunchSettings;
  /** The longest each test may take as the course sets it, where it does. */
  readonly timeLimits?: (testId: string) => number | undefined;
  /** How to start the suite's oracle, for tests that take their expected behaviour from it. */
  readonly oracle?: { readonly launch: LaunchSettings; readonly display: string };
  /** Tests run at once at most; servers that cannot each have a port of their own run one at a time. */
  readonly jobs?: number;
  /** The server command as a person would type it. */
  readonly targetDisplay: string;
  readonly replayCommand: (args: readonly string[]) => string;
  readonly conformVersion: string;
}

/**
 * Runs the selected tests, each on servers of its own, up to `jobs` at once, and reports them in the
 * suite's order as they finish: the results and reports are those of running them one after another.
 */
export async function runSuite(
  plan: RunPlan,
  reporters: readonly Reporter[],
  signal: AbortSignal,
): Promise<RunReport> {
  const startedAt = new Date();
  const started = performance.now();
  const jobs = plan.jobs ?? 1;
  const pool = new ServerPool(plan.launch, signal, jobs);
  const oracle =
    plan.oracle === undefined
      ? undefined
      : { pool: new ServerPool(plan.oracle.launch, signal, jobs), display: plan.oracle.display };
  const sandbox = plan.launch.sandbox?.report;
  const plannedTests = plan.suite.tests.map((test) => ({
    test,
    skipReason: skipReason(test, plan.selection),
  }));
  const selected = plannedTests.filter((entry) => entry.skipReason === undefined).map((entry) => entry.test);
  const results: TestResult[] = [];
  // Stops the tests still running when reporting fails.
  const reportingFailed = new AbortController();
  let progressFailed: { readonly error: unknown } | undefined;
  // Not awaited, from inside a test's runs: a reporter's failure here must not pass for the server's.
  const tell = (progress: TestProgress): void => {
    if (progressFailed !== undefined) return;
    try {
      for (const reporter of reporters) reporter.onTestProgress?.(progress);
    } catch (error) {
      progressFailed = { error };
      reportingFailed.abort(error);
    }
  };
  const platformNote = plan.launch.platform.note;
  // A note the tests make is shown when made; a reporter's failure surfaces where the run awaits it.
  let noted: Promise<unknown> = Promise.resolve();
  const knowledge = new RunKnowledge(
    (note) => {
      noted = noted.then(() => emit(reporters, (reporter) => reporter.onRunNote?.(note)));
      noted.catch(() => undefined);
    },
    platformNote === undefined ? [] : [platformNote],
  );
  const runOne = async (test: ConformanceTest, testSignal: AbortSignal): Promise<TestOutcome> => {
    const progress = new ProgressFeed(test.id, tell);
    progress.begin();
    const result = await runTest(test, {
      pool,
      settings: plan.settings,
      knowledge,
      signal: testSignal,
      replayCommand: plan.replayCommand,
      progress,
      rules: (id) => plan.suite.tests.find((entry) => entry.id === id),
      ...(plan.suite.source !== undefined && { suiteFile: plan.suite.source }),
      ...(oracle !== undefined && { oracle }),
      ...(plan.timeLimits !== undefined && { timeLimits: plan.timeLimits }),
    }).finally(() => progress.end());
    const failure = result.failure;
    if (result.status !== 'error' || failure === undefined || !stopsTheRun.has(failure.kind)) {
      return { result, untestable: undefined };
    }
    const why = pool.everStarted ? failure.message : `the server never started (${failure.message})`;
    return { result, untestable: { ...failure, message: `not run: ${why}` } };
  };
  await emit(reporters, (reporter) =>
    reporter.onRunStart?.({
      suite: plan.suite.name,
      suiteTitle: plan.suite.title,
      seed: plan.settings.seed,
      target: plan.targetDisplay,
      ...(platformNote !== undefined && { note: platformNote }),
      selected: selected.length,
      total: plan.suite.tests.length,
      ...(sandbox !== undefined && { sandbox }),
      selection: plan.selection,
    }),
  );
  const { launched, done } = launchTests(selected, {
    jobs,
    pool,
    signal: AbortSignal.any([signal, reportingFailed.signal]),
    runOne,
  });
  try {
    // Set when nothing more can be tested: the server never started, or its port is held by another program.
    let untestable: FailureReport | undefined;
    for (const entry of plannedTests) {
      const { test } = entry;
      let result: TestResult;
      const index = selected.indexOf(test);
      const launch = launched[index];
      if (launch === undefined) {
        result = notRun(test, 'skipped', { skipReason: entry.skipReason ?? '' });
      } else if (untestable !== undefined || !(await launch.began)) {
        const failure = untestable ?? plainFailure('interrupted', 'not run: the run was interrupted');
        result = notRun(test, 'error', { failure });
      } else {
        await emit(reporters, (reporter) =>
          reporter.onTestStart?.({ id: test.id, title: test.title, index, count: selected.length }),
        );
        const outcome = await launch.ended;
        result = outcome.result;
        untestable = outcome.untestable;
      }
      await noted;
      results.push(result);
      await emit(reporters, (reporter) => reporter.onTestEnd?.(result));
    }
    if (progressFailed !== undefined) throw progressFailed.error;
  } catch (error) {
    reportingFailed.abort(error);
    for (const reporter of reporters) reporter.onRunAbort?.();
    throw error;
  } finally {
    // No server outlives the run, however it ends (a reporter's failure included).
    await done;
    await Promise.all([pool.close(), oracle?.pool.close()]);
  }
  const report = runReport({
    conformVersion: plan.conformVersion,
    suite: plan.suite.name,
    seed: plan.settings.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    target: { command: plan.targetDisplay, port: pool.firstPort },
    ...(sandbox !== undefined && { sandbox }),
    ...(knowledge.notes.length > 0 && { notes: knowledge.notes }),
    tests: diagnoseRun(results),
  });
  await noted;
  await emit(reporters, (reporter) => reporter.onRunEnd?.(report));
  return report;
}

async function emit(reporters: readonly Reporter[], call: (reporter: Reporter) => unknown): Promise<void> {
  for (const reporter of reporters) await call(reporter);
}
