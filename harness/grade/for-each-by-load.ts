import type { LoadSampler } from './machine-load.js';
import type { WorkerPolicy } from './worker-policy.js';

/**
 * Calls `work` on every item, in order, as many at a time as the policy allows, and resolves when
 * all are done; rejects with the first error a piece of work rejects with. Between `min` and `max`,
 * the number in flight follows the machine's load: one more while the cores have time and memory
 * to spare (looked at every `intervalMs`), one fewer as each finishes while they are too busy.
 */
export function forEachByLoad<T>(
  items: readonly T[],
  policy: WorkerPolicy,
  sampleLoad: LoadSampler,
  work: (item: T) => Promise<void>,
): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let finished = 0;
    let target = Math.max(1, policy.min);
    let busy: number | undefined;
    let failed = false;
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => clearInterval(timer);
    const launch = (): void => {
      while (!failed && running < target && next < items.length) {
        const item = items[next] as T;
        next += 1;
        running += 1;
        work(item).then(
          () => {
            running -= 1;
            finished += 1;
            if (finished === items.length) {
              stop();
              resolve();
            } else launch();
          },
          (error: Error) => {
            failed = true;
            stop();
            reject(error);
          },
        );
      }
    };
    if (policy.max > policy.min) {
      timer = setInterval(() => {
        const load = sampleLoad();
        busy = busy === undefined ? load.cpuBusy : (busy + load.cpuBusy) / 2;
        if (busy > policy.lowerAboveBusy) target = Math.max(policy.min, target - 1);
        else if (
          busy < policy.raiseBelowBusy &&
          running >= target &&
          next < items.length &&
          target < policy.max &&
          load.freeMemoryBytes >= policy.memoryPerWorkerBytes
        ) {
          target += 1;
          launch();
        }
      }, policy.intervalMs);
    }
    launch();
  });
}
