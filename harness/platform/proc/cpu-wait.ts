import { readdir, readFile } from 'node:fs/promises';
import type { CpuWait } from '../platform.js';

/**
 * Time the threads of `pids` have spent so far ready to run but kept waiting for a CPU, in ms: the
 * second field of each thread's /proc schedstat (run_delay, in ns). Undefined where no thread shows it.
 */
export async function cpuWaitedMs(pids: readonly number[]): Promise<number | undefined> {
  let total: number | undefined;
  for (const pid of pids) {
    let threads: string[];
    try {
      threads = await readdir(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const thread of threads) {
      try {
        const fields = (await readFile(`/proc/${pid}/task/${thread}/schedstat`, 'utf8')).split(' ');
        const delayNs = Number(fields[1]);
        if (Number.isFinite(delayNs)) total = (total ?? 0) + delayNs / 1e6;
      } catch {
        // The thread ended meanwhile, or the kernel keeps no scheduler statistics.
      }
    }
  }
  return total;
}

/**
 * How long the threads of `pids` waited for a CPU over `sampleMs`, and how long the sample took:
 * a server the machine's load holds back waits a good part of it; one that is blocked, or that
 * has a CPU to itself, waits next to none. Undefined where the kernel keeps no such statistics.
 */
export async function cpuWait(pids: readonly number[], sampleMs: number): Promise<CpuWait | undefined> {
  const start = performance.now();
  const before = await cpuWaitedMs(pids);
  if (before === undefined) return undefined;
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = await cpuWaitedMs(pids);
  if (after === undefined) return undefined;
  return { waitedMs: Math.max(0, after - before), elapsedMs: performance.now() - start };
}
