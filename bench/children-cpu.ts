import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface CpuSeconds {
  readonly user: number;
  readonly system: number;
}

/**
 * The CPU seconds (user and system) of this process's children that have ended and been waited for,
 * and of their own waited-for descendants: cutime and cstime, fields 16 and 17 of /proc/self/stat.
 * The kernel adds a child's times there when its parent reaps it, so the difference across an awaited
 * `conform grade` is the CPU of that whole tree: conform, its per-submission conform processes,
 * builds and servers. A process orphaned before it ends (reparented to init) is not counted, so this
 * is a lower bound.
 */
export function childrenCpuSeconds(): CpuSeconds {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // The command name, field 2, is in parentheses and may hold spaces: count fields after it (state is 3).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) {
    throw new Error(`cannot read cutime and cstime from /proc/self/stat: ${stat}`);
  }
  return { user: cutime / ticksPerSecond, system: cstime / ticksPerSecond };
}
