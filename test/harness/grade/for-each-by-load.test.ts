import { afterEach, describe, expect, it, vi } from 'vitest';
import { forEachByLoad } from '../../../harness/grade/for-each-by-load.js';
import type { LoadSample } from '../../../harness/grade/machine-load.js';
import { fixedWorkers, type WorkerPolicy } from '../../../harness/grade/worker-policy.js';

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/**
 * Work that starts when called and finishes only when the test says so, counting how many items
 * are in flight; `started(n)` resolves once n items have started, so the test never sleeps.
 */
function manualWork<T>() {
  const calls: { item: T; done: Deferred }[] = [];
  const waiters: { count: number; wake: () => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const work = async (item: T): Promise<void> => {
    const done = deferred();
    calls.push({ item, done });
    active += 1;
    maxActive = Math.max(maxActive, active);
    for (const waiter of waiters.filter((waiter) => calls.length >= waiter.count)) waiter.wake();
    try {
      await done.promise;
    } finally {
      active -= 1;
    }
  };
  const started = (count: number): Promise<void> =>
    calls.length >= count ? Promise.resolve() : new Promise((wake) => waiters.push({ count, wake }));
  return {
    work,
    calls,
    started,
    active: () => active,
    maxActive: () => maxActive,
  };
}

const idle = (): LoadSample => ({ cpuBusy: 0, freeMemoryBytes: 2 ** 40 });

/** The count fixed, as `--workers n` fixes it: the machine's load is never looked at. */
function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  return forEachByLoad(
    items,
    fixedWorkers(limit),
    () => {
      throw new Error('a fixed count looked at the load');
    },
    work,
  );
}

describe('forEachByLoad with a fixed count', () => {
  it('visits every item once, never more than `limit` at a time', async () => {
    const items = Array.from({ length: 10 }, (_, index) => index);
    const manual = manualWork<number>();
    const all = forEachConcurrently(items, 3, manual.work);
    expect(manual.calls).toHaveLength(3);
    for (let finished = 0; finished < items.length; finished += 1) {
      expect(manual.active()).toBeLessThanOrEqual(3);
      manual.calls[finished]?.done.resolve();
      await manual.started(Math.min(items.length, finished + 4));
    }
    await all;
    expect(manual.calls.map((call) => call.item)).toEqual(items);
    expect(manual.maxActive()).toBe(3);
    expect(manual.active()).toBe(0);
  });

  it('keeps `limit` items in flight while there are items left', async () => {
    const manual = manualWork<string>();
    const all = forEachConcurrently(['a', 'b', 'c', 'd'], 2, manual.work);
    expect(manual.calls.map((call) => call.item)).toEqual(['a', 'b']);
    manual.calls[1]?.done.resolve();
    await manual.started(3);
    expect(manual.calls.map((call) => call.item)).toEqual(['a', 'b', 'c']);
    expect(manual.active()).toBe(2);
    manual.calls[0]?.done.resolve();
    await manual.started(4);
    expect(manual.active()).toBe(2);
    manual.calls[2]?.done.resolve();
    manual.calls[3]?.done.resolve();
    await all;
    expect(manual.maxActive()).toBe(2);
  });

  it('starts every item at once when the limit is larger than the list', async () => {
    const manual = manualWork<string>();
    const all = forEachConcurrently(['a', 'b'], 10, manual.work);
    expect(manual.calls.map((call) => call.item)).toEqual(['a', 'b']);
    expect(manual.active()).toBe(2);
    for (const call of manual.calls) call.done.resolve();
    await all;
    expect(manual.calls).toHaveLength(2);
  });

  it('resolves at once for an empty list without calling the work', async () => {
    const manual = manualWork<string>();
    await forEachConcurrently([], 4, manual.work);
    expect(manual.calls).toHaveLength(0);
  });

  it('rejects with the error a piece of work rejects with', async () => {
    const manual = manualWork<string>();
    const all = forEachConcurrently(['a', 'b', 'c'], 2, manual.work);
    const failure = new Error('b broke');
    manual.calls[1]?.done.reject(failure);
    await expect(all).rejects.toBe(failure);
  });

  it('does not resolve before the last piece of work has finished', async () => {
    const manual = manualWork<string>();
    let resolved = false;
    const all = forEachConcurrently(['a', 'b'], 2, manual.work).then(() => {
      resolved = true;
    });
    manual.calls[0]?.done.resolve();
    await manual.calls[0]?.done.promise;
    await Promise.resolve();
    expect(resolved).toBe(false);
    manual.calls[1]?.done.resolve();
    await all;
    expect(resolved).toBe(true);
  });
});

describe("forEachByLoad by the machine's load", () => {
  const policy: WorkerPolicy = {
    min: 2,
    max: 4,
    raiseBelowBusy: 0.8,
    lowerAboveBusy: 0.95,
    memoryPerWorkerBytes: 1000,
    intervalMs: 1000,
  };
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds a worker at each look while the cores are idle, up to max', async () => {
    vi.useFakeTimers();
    const manual = manualWork<number>();
    const all = forEachByLoad(
      Array.from({ length: 6 }, (_, index) => index),
      policy,
      idle,
      manual.work,
    );
    expect(manual.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(manual.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(manual.calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(5000);
    expect(manual.calls).toHaveLength(4);
    for (let index = 0; index < 6; index += 1) {
      manual.calls[index]?.done.resolve();
      await manual.started(Math.min(6, index + 5));
    }
    await all;
    expect(manual.maxActive()).toBe(4);
    expect(manual.calls.map((call) => call.item)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('adds none while the cores are busy, or memory is short', async () => {
    vi.useFakeTimers();
    const looks: LoadSample[] = [
      { cpuBusy: 0.9, freeMemoryBytes: 2 ** 40 },
      { cpuBusy: 0.85, freeMemoryBytes: 2 ** 40 },
      { cpuBusy: 0, freeMemoryBytes: 999 },
    ];
    const manual = manualWork<number>();
    const all = forEachByLoad([1, 2, 3, 4], policy, () => looks.shift() ?? idle(), manual.work);
    // 0.9, then (0.9 + 0.85) / 2, then (0.875 + 0) / 2 with too little memory free.
    await vi.advanceTimersByTimeAsync(3000);
    expect(manual.calls).toHaveLength(2);
    // Now idle, with memory: (0.4375 + 0) / 2.
    await vi.advanceTimersByTimeAsync(1000);
    expect(manual.calls).toHaveLength(3);
    for (const call of manual.calls) call.done.resolve();
    await manual.started(4);
    manual.calls[3]?.done.resolve();
    await all;
  });

  it('lets a finished worker go unreplaced while the cores are overloaded, never below min', async () => {
    vi.useFakeTimers();
    let busy = 0;
    const manual = manualWork<number>();
    const items = Array.from({ length: 8 }, (_, index) => index);
    const all = forEachByLoad(
      items,
      policy,
      () => ({ cpuBusy: busy, freeMemoryBytes: 2 ** 40 }),
      manual.work,
    );
    await vi.advanceTimersByTimeAsync(2000);
    expect(manual.active()).toBe(4);
    busy = 1;
    // The average of two looks passes 0.95 at the fifth busy look; then the count falls, one a look, to min.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(manual.calls).toHaveLength(4);
    manual.calls[0]?.done.resolve();
    manual.calls[1]?.done.resolve();
    manual.calls[2]?.done.resolve();
    // The first two that finish are not replaced; the third, at min, is.
    await manual.started(5);
    await Promise.resolve();
    expect(manual.calls).toHaveLength(5);
    expect(manual.active()).toBe(2);
    for (let index = 3; index < 8; index += 1) {
      manual.calls[index]?.done.resolve();
      await manual.started(Math.min(8, index + 3));
    }
    await all;
    expect(manual.active()).toBe(0);
  });

  it('stops looking at the load once every item is done', async () => {
    vi.useFakeTimers();
    let looks = 0;
    const manual = manualWork<number>();
    const all = forEachByLoad([1], policy, () => ((looks += 1), idle()), manual.work);
    manual.calls[0]?.done.resolve();
    await all;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(looks).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts nothing more once a piece of work has failed', async () => {
    const manual = manualWork<number>();
    const all = forEachByLoad([1, 2, 3, 4], policy, idle, manual.work);
    const failure = new Error('1 broke');
    manual.calls[0]?.done.reject(failure);
    await expect(all).rejects.toBe(failure);
    manual.calls[1]?.done.resolve();
    await manual.calls[1]?.done.promise;
    await Promise.resolve();
    expect(manual.calls).toHaveLength(2);
  });
});
