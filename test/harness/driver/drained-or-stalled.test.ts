import { describe, expect, it } from 'vitest';
import { drainedOrStalled } from '../../../harness/driver/drained-or-stalled.js';

/** A count that goes down by `step` at each look until `stopAt`, then stays there. */
function draining(from: number, step: number, stopAt = 0): () => number {
  let count = from;
  return () => {
    const now = count;
    count = Math.max(stopAt, count - step);
    return now;
  };
}

describe('drainedOrStalled', () => {
  it('resolves true once the count reaches zero', async () => {
    expect(await drainedOrStalled(draining(50, 10), 50)).toBe(true);
  });

  it('resolves false once the count stays the same for the stall time', async () => {
    const started = performance.now();
    expect(await drainedOrStalled(draining(50, 10, 20), 30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
  });

  it('resolves false at once for a count it cannot read', async () => {
    expect(await drainedOrStalled(() => undefined, 1000)).toBe(false);
  });

  it('waits on while the reader is still running, and takes the count up again when it moves', async () => {
    let looks = 0;
    let asked = 0;
    // Stuck for a while, as a reader the machine does not run, then draining again.
    const pending = (): number => (++looks < 12 ? 40 : Math.max(0, 40 - (looks - 12) * 10));
    const running = (): Promise<boolean> => {
      asked += 1;
      return Promise.resolve(true);
    };
    expect(await drainedOrStalled(pending, 30, running)).toBe(true);
    expect(asked).toBeGreaterThan(0);
  });

  it('stops waiting on a reader that says it runs once a second more has passed', async () => {
    const running = (): Promise<boolean> => Promise.resolve(true);
    expect(await drainedOrStalled(() => 40, 30, running)).toBe(false);
  });

  it('takes a blocked reader, or one that cannot be seen, for stalled', async () => {
    expect(
      await drainedOrStalled(
        () => 40,
        30,
        () => Promise.resolve(false),
      ),
    ).toBe(false);
    expect(
      await drainedOrStalled(
        () => 40,
        30,
        () => Promise.resolve(undefined),
      ),
    ).toBe(false);
  });
});
