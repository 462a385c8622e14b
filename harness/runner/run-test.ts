import { unknownLanguage } from '../hints/server-language.js';
import { Finding, isFinding } from '../checkers/finding.js';
import { formatRoughSize } from '../checkers/format-bytes.js';
import { EventLog } from '../driver/event-log.js';
import { StartupError } from '../supervisor/startup-error.js';
import type { FailureReport, TestResult } from '../results/test-result.js';
import { reportSuiteError } from './suite-error-report.js';
import { OracleError } from '../oracle/oracle-error.js';
import {
  plainFailure,
  reportInternalError,
  reportInterrupted,
  reportRunFailure,
  reportStartupError,
} from './failure-report.js';
import type { ProgressFeed } from './progress-feed.js';
import { formatReplayToken } from './replay-token.js';
import { RunFailure } from './run-failure.js';
import type { RunKnowledge } from './run-knowledge.js';
import type { ServerPool } from './server-pool.js';
import { ServerSession } from './server-session.js';
import type { ConformanceTest } from './suite.js';
import { TestRun } from './test-run.js';
import type { TestSettings } from './test-settings.js';

export interface TestEnvironment {
  readonly pool: ServerPool;
  readonly settings: TestSettings;
  /** What the run's tests learn about the server program and share. */
  readonly knowledge: RunKnowledge;
  readonly signal: AbortSignal;
  /** The command line that re-runs one test, given the replay arguments. */
  readonly replayCommand: (args: readonly string[]) => string;
  /** Told of each run as it begins. */
  readonly progress?: ProgressFeed;
  /** The suite's test of a given id: whose rule a failing step belongs to. */
  readonly rules?: (id: string) => ConformanceTest | undefined;
  /** The longest each test may take as the course sets it, where it does: a graded check. */
  readonly timeLimits?: (testId: string) => number | undefined;
  /** The suite's oracle: where its solution servers come from, and how a person names it. */
  readonly oracle?: { readonly pool: ServerPool; readonly display: string };
  /** The file a loaded suite came from: an exception its code throws is the suite's error, not conform's. */
  readonly suiteFile?: string;
}

const defaultTimeLimitMs = 120_000;

/** Runs one test on servers of its own and returns its result; never throws for anything the server does. */
export async function runTest(test: ConformanceTest, environment: TestEnvironment): Promise<TestResult> {
  const started = performance.now();
  const points = test.points ?? 1;
  const courseLimitMs = environment.timeLimits?.(test.id);
  const limitMs = courseLimitMs ?? test.timeLimitMs ?? defaultTimeLimitMs;
  const timeUp = AbortSignal.timeout(limitMs);
  const signal = AbortSignal.any([environment.signal, timeUp]);
  const session = new ServerSession(environment.pool);
  const oraclePool = test.oracle === true ? environment.oracle : undefined;
  const oracle =
    oraclePool === undefined
      ? undefined
      : { session: new ServerSession(oraclePool.pool), display: oraclePool.display };
  const language = environment.settings.serverLanguage ?? unknownLanguage;
  const context = new TestRun(
    test,
    session,
    environment.settings,
    environment.knowledge,
    signal,
    environment.progress,
    oracle,
  );
  const base = { id: test.id, title: test.title, requirement: test.requirement, maxScore: points };
  const finish = (status: TestResult['status'], failure?: FailureReport): TestResult => ({
    ...base,
    status,
    durationMs: Math.round(performance.now() - started),
    score: status === 'passed' ? points : 0,
    ...(failure !== undefined && { failure }),
  });
  try {
    await untilStopped(test.run(context), signal);
    return finish('passed');
  } catch (error) {
    if (environment.signal.aborted) return finish('error', reportInterrupted(environment.signal));
    const replay = replayFor(test, environment, error);
    if (error instanceof RunFailure && !timeUp.aborted) {
      return finish('failed', reportRunFailure(error, test, language, replay, environment.rules));
    }
    if (timeUp.aborted) {
      const during = context.stoppedDuring;
      // How far it got: a server that was slow, not silent, has moved bytes.
      const progress =
        during === undefined
          ? ''
          : `: by then its clients had sent ${formatRoughSize(during.bytesSent)} and received ${formatRoughSize(during.bytesReceived)}`;
      const late = new Finding(
        courseLimitMs === undefined
          ? { kind: 'timeout', message: `the test did not finish within ${limitMs / 1000} s${progress}` }
          : {
              kind: 'timeout',
              message: `the test did not finish within the ${limitMs / 1000} s the course allows it, and was stopped then${progress}`,
              cause: 'time-limit',
              // Nothing wrong was seen before the limit: the test's own hint would name a bug.
              hint: {
                neutral: `Nothing the server sent until then broke the protocol, but it was too slow: run this test alone (--only ${test.id}) and see where the server spends its time.`,
              },
            },
      );
      return finish(
        'failed',
        reportRunFailure(
          new RunFailure(late, during?.log ?? new EventLog(), undefined),
          test,
          language,
          replay,
        ),
      );
    }
    if (isFinding(error)) {
      return finish(
        'failed',
        reportRunFailure(new RunFailure(error, new EventLog(), undefined), test, language, replay),
      );
    }
    if (error instanceof StartupError) {
      // A server that never started, or a port another program holds, leaves nothing to test; a
      // server that fails to start again is a finding.
      const untestable = !environment.pool.everStarted || error.blocksTesting;
      return finish(untestable ? 'error' : 'failed', reportStartupError(error, replay));
    }
    if (error instanceof OracleError) return finish('error', plainFailure('suite', error.message));
    const suiteFile = environment.suiteFile;
    return finish(
      'error',
      suiteFile === undefined ? reportInternalError(error) : reportSuiteError(error, suiteFile),
    );
  } finally {
    await Promise.all([session.close(), oracle?.session.close()]);
  }
}

function replayFor(test: ConformanceTest, environment: TestEnvironment, error: unknown): string {
  const position = error instanceof RunFailure ? error.property : undefined;
  const args =
    position === undefined
      ? ['--only', test.id, '--seed', String(environment.settings.seed)]
      : [
          '--only',
          test.id,
          '--replay',
          formatReplayToken({
            testId: test.id,
            seed: position.seed,
            path: position.path,
            ...(position.commands !== undefined && { commands: position.commands }),
          }),
        ];
  return environment.replayCommand(args);
}

/**
 * The test's own promise, or the stop signal, whichever comes first: a test stuck on something no
 * deadline covers still ends on time. What it left running is cut off when its server is stopped.
 */
function untilStopped(work: Promise<void>, signal: AbortSignal): Promise<void> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
