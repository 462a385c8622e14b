import type { FailureReport, TestResult } from '../results/test-result.js';
import { Deferred } from './deferred.js';
import type { ServerPool } from './server-pool.js';
import type { ConformanceTest } from './suite.js';

export interface TestOutcome {
  readonly result: TestResult;
  /** Set when nothing more can be tested after this test: the failure the later tests are not run for. */
  readonly untestable: FailureReport | undefined;
}

/** One test's place in the run. */
export interface LaunchedTest {
  /** True once the test has begun; false when it never will (the run stopped first). */
  readonly began: Promise<boolean>;
  /** The test's outcome, once it has begun and ended. */
  readonly ended: Promise<TestOutcome>;
}

export interface LaunchOptions {
  /** Tests run at once at most, when each server has a port of its own. */
  readonly jobs: number;
  readonly pool: ServerPool;
  /** Stops the run: tests running end as interrupted, and no other begins. */
  readonly signal: AbortSignal;
  readonly runOne: (test: ConformanceTest, signal: AbortSignal) => Promise<TestOutcome>;
}

/**
 * Begins the tests in their order, up to `jobs` at once while each server has a port of its own,
 * otherwise one at a time (the first alone, until the pool knows). A test that leaves nothing
 * testable stops the launching, and the tests after it that are running are stopped: their results
 * would not be kept. `done` resolves once every begun test has ended.
 */
export function launchTests(
  tests: readonly ConformanceTest[],
  options: LaunchOptions,
): { readonly launched: readonly LaunchedTest[]; readonly done: Promise<void> } {
  const slots = tests.map(() => ({ began: new Deferred<boolean>(), ended: new Deferred<TestOutcome>() }));
  const stops = tests.map(() => new AbortController());
  const running = new Set<Promise<void>>();
  let untestable = false;
  const halted = (): boolean => untestable || options.signal.aborted;
  const allowed = (): number => (options.pool.serversApart === true ? options.jobs : 1);

  const begin = (index: number): void => {
    const test = tests[index] as ConformanceTest;
    const slot = slots[index] as (typeof slots)[number];
    const signal = AbortSignal.any([options.signal, (stops[index] as AbortController).signal]);
    options.pool.testsToCome(tests.length - index - 1);
    slot.began.resolve(true);
    const run = options.runOne(test, signal).then(
      (outcome) => {
        if (outcome.untestable !== undefined) {
          untestable = true;
          for (const later of stops.slice(index + 1)) later.abort(new Error('not run'));
        }
        slot.ended.resolve(outcome);
      },
      (error: unknown) => slot.ended.reject(error),
    );
    const tracked = run.finally(() => running.delete(tracked));
    running.add(tracked);
  };

  const done = (async () => {
    for (let index = 0; index < tests.length; index += 1) {
      while (!halted() && running.size >= allowed()) {
        const learning = options.pool.serversApart === undefined ? [options.pool.serversApartKnown] : [];
        await Promise.race([...running, ...learning]);
      }
      if (halted()) {
        for (const slot of slots.slice(index)) slot.began.resolve(false);
        break;
      }
      begin(index);
    }
    await Promise.all(running);
  })();
  return { launched: slots.map((slot) => ({ began: slot.began.promise, ended: slot.ended.promise })), done };
}
