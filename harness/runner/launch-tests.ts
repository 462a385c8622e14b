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
 * Begins the tests up to `jobs` at once while each server has a port of its own, otherwise one at a
 * time in the suite's order (the first alone, until the pool knows). Side by side, tests that wait
 * begin first and run beside the others, in no place of `jobs`; then slow tests begin, so that none
 * ends the run alone. A test that leaves nothing testable stops the tests after
 * it in the suite's order: those running are stopped, the others never begin (their results would
 * not be kept); those before it still run. `done` resolves once every begun test has ended.
 */
export function launchTests(
  tests: readonly ConformanceTest[],
  options: LaunchOptions,
): { readonly launched: readonly LaunchedTest[]; readonly done: Promise<void> } {
  const slots = tests.map(() => ({ began: new Deferred<boolean>(), ended: new Deferred<TestOutcome>() }));
  const stops = tests.map(() => new AbortController());
  const running = new Set<Promise<void>>();
  // Tests that wait beside the others: running, but in no place of `jobs`.
  const beside = new Set<Promise<void>>();
  const pending = tests.map((_test, index) => index);
  // The first test, in the suite's order, after which nothing can be tested.
  let stopAfter = Number.POSITIVE_INFINITY;
  const allowed = (): number => (options.pool.serversApart === true ? options.jobs : 1);

  const begin = (index: number): void => {
    const test = tests[index] as ConformanceTest;
    const slot = slots[index] as (typeof slots)[number];
    const signal = AbortSignal.any([options.signal, (stops[index] as AbortController).signal]);
    options.pool.testsToCome(pending.length);
    slot.began.resolve(true);
    const run = options.runOne(test, signal).then(
      (outcome) => {
        if (outcome.untestable !== undefined && index < stopAfter) {
          stopAfter = index;
          for (const later of stops.slice(index + 1)) later.abort(new Error('not run'));
        }
        slot.ended.resolve(outcome);
      },
      (error: unknown) => slot.ended.reject(error),
    );
    const tracked = run.finally(() => {
      running.delete(tracked);
      beside.delete(tracked);
    });
    running.add(tracked);
    if (test.waits === true && options.pool.serversApart === true) beside.add(tracked);
  };

  const next = (): number | undefined => {
    for (const index of pending.filter((entry) => entry > stopAfter)) {
      pending.splice(pending.indexOf(index), 1);
      slots[index]?.began.resolve(false);
    }
    const apart = options.pool.serversApart === true;
    const waiting = apart ? pending.find((index) => tests[index]?.waits) : undefined;
    const slow = apart ? pending.find((index) => tests[index]?.slow) : undefined;
    const chosen = waiting ?? slow ?? pending[0];
    if (chosen !== undefined) pending.splice(pending.indexOf(chosen), 1);
    return chosen;
  };

  // A test that waits begins at once, whatever else runs: it takes no place of `jobs`.
  const waitingNext = (): boolean =>
    options.pool.serversApart === true && pending.some((index) => tests[index]?.waits === true);

  const done = (async () => {
    for (;;) {
      while (!options.signal.aborted && running.size - beside.size >= allowed() && !waitingNext()) {
        const learning = options.pool.serversApart === undefined ? [options.pool.serversApartKnown] : [];
        await Promise.race([...running, ...learning]);
      }
      if (options.signal.aborted) {
        for (const index of pending.splice(0)) slots[index]?.began.resolve(false);
        break;
      }
      const index = next();
      if (index === undefined) break;
      begin(index);
    }
    await Promise.all(running);
  })();
  // Should the launching itself fail, no one waits for a test that will never begin.
  done.catch((error: unknown) => {
    for (const slot of slots) {
      slot.began.reject(error);
      slot.ended.reject(error);
    }
  });
  return { launched: slots.map((slot) => ({ began: slot.began.promise, ended: slot.ended.promise })), done };
}
