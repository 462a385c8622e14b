import type { ProcessEntry } from '../process-table.js';

/** Processes from `ps -A -o pid=,ppid=,pgid=,stat=`: four columns, no header. */
export function parseProcessTable(text: string): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const [pid, ppid, pgid] = fields.slice(0, 3).map(Number) as [number, number, number];
    if (![pid, ppid, pgid].every(Number.isInteger)) continue;
    entries.push({ pid, ppid, pgid, state: fields[3] as string });
  }
  return entries;
}

/**
 * Pids whose line in `ps -E -ww -o pid=,command=` (macOS) or `ps e -ww -o pid=,command=` (procps)
 * holds `entry` as a word of its own: the environment follows the command line, NAME=value pairs
 * separated by spaces.
 */
export function pidsWithEnvironmentEntry(text: string, entry: string): number[] {
  const pids: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match === null) continue;
    if ((match[2] as string).split(/\s+/).includes(entry)) pids.push(Number(match[1]));
  }
  return pids;
}
