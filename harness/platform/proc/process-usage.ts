import { readdir, readFile } from 'node:fs/promises';
import type { CpuTimes } from '../platform.js';

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
