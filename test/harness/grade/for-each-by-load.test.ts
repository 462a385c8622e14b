import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from '../../../harness/grade/for-each-concurrently.js';

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

describe('forEachConcurrently', () => {
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
