import { readdir, readFile } from 'node:fs/promises';
import type { Busyness } from '../../supervisor/busyness.js';
import type { CpuTimes } from '../platform.js';
import { anyRunnable } from './process-tree.js';

/** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
const msPerTick = 10;

/** Bytes a process has read and written through system calls (sockets included), where /proc shows them. */
async function ioBytes(pid: number): Promise<number | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/io`, 'utf8');
    const count = (name: string): number => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return count('rchar') + count('wchar');
  } catch {
    return undefined;
  }
}

/** CPU time `pids` have used so far, all their threads together, and the bytes they moved; a process that ended counts 0. */
export async function cpuTimes(pids: readonly number[]): Promise<CpuTimes> {
  const each = await Promise.all(
    pids.map(async (pid): Promise<CpuTimes> => {
      try {
        const text = await readFile(`/proc/${pid}/stat`, 'utf8');
        // After the command name: the state (field 3) first, so utime (field 14) and stime (15) at 11 and 12.
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        const moved = await ioBytes(pid);
        return {
          userMs: Number(fields[11]) * msPerTick,
          systemMs: Number(fields[12]) * msPerTick,
          ...(moved !== undefined && { ioBytes: moved }),
        };
      } catch {
        return { userMs: 0, systemMs: 0 };
      }
    }),
  );
  return each.reduce(
    (sum, next) => ({
      userMs: sum.userMs + next.userMs,
      systemMs: sum.systemMs + next.systemMs,
      ...(sum.ioBytes !== undefined && next.ioBytes !== undefined && { ioBytes: sum.ioBytes + next.ioBytes }),
    }),
    { userMs: 0, systemMs: 0, ioBytes: 0 },
  );
}

/** The most files (descriptors) any one of `pids` holds open: the open-files limit is per process. */
export async function mostOpenFiles(pids: readonly number[]): Promise<number | undefined> {
  const counts = await Promise.all(
    pids.map(async (pid) => {
      try {
        return (await readdir(`/proc/${pid}/fd`)).length;
      } catch {
        return undefined;
      }
    }),
  );
  const known = counts.filter((count) => count !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

/**
 * How busy `pids` are, looked at `looks` times over `sampleMs`: how often a thread of them was
 * running or waiting for a CPU (a server waiting for work never is), how much of their CPU time went
 * to system calls, the bytes they moved meanwhile, and the most files one of them holds open.
 */
export async function busyness(pids: readonly number[], sampleMs: number, looks: number): Promise<Busyness> {
  const before = await cpuTimes(pids);
  let running = 0;
  for (let look = 0; look < looks; look += 1) {
    await new Promise((resolve) => setTimeout(resolve, sampleMs / looks));
    if (await anyRunnable(pids)) running += 1;
  }
  const after = await cpuTimes(pids);
  const usedMs = after.userMs + after.systemMs - (before.userMs + before.systemMs);
  const moved =
    before.ioBytes === undefined || after.ioBytes === undefined ? undefined : after.ioBytes - before.ioBytes;
  const openFiles = await mostOpenFiles(pids);
  return {
    runningShare: running / looks,
    systemShare: usedMs <= 0 ? 0 : (after.systemMs - before.systemMs) / usedMs,
    ...(moved !== undefined && { ioBytes: moved }),
    ...(openFiles !== undefined && { openFiles }),
  };
}
