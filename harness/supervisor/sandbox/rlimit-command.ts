import { readdirSync, readFileSync } from 'node:fs';
import type { ServerLimits } from './server-limits.js';

/**
 * The command words that set the per-process limits and then run the rest of the command line:
 * prlimit (util-linux) on Linux, the shell's ulimit elsewhere. Limits are set hard, so a server
 * cannot raise them again; a limit the system will not grant is left as it is.
 */
export function rlimitCommand(
  limits: ServerLimits,
  tools: { prlimit?: string; sh: string },
  userProcs: number | undefined,
): readonly string[] {
  const memoryKb = limits.memoryMb * 1024;
  // SIGXCPU at the soft limit names the cause; SIGKILL follows a second later if it is ignored.
  const cpu = `${limits.cpuSeconds}:${limits.cpuSeconds + 1}`;
  if (tools.prlimit !== undefined) {
    const openFiles = Math.min(limits.openFiles, ownHardLimit('Max open files') ?? Infinity);
    return [
      tools.prlimit,
      `--data=${memoryKb * 1024}`,
      `--cpu=${cpu}`,
      `--nofile=${openFiles}`,
      ...(userProcs === undefined ? [] : [`--nproc=${userProcs}`]),
      '--',
    ];
  }
  const script = [
    `ulimit -d ${memoryKb}`,
    `ulimit -t ${limits.cpuSeconds}`,
    `ulimit -n ${limits.openFiles}`,
    ...(userProcs === undefined ? [] : [`ulimit -u ${userProcs}`]),
  ]
    .map((line) => `${line} 2>/dev/null`)
    .join('; ');
  return [tools.sh, '-c', `${script}; exec "$@"`, 'sh'];
}

/**
 * RLIMIT_NPROC counts every process and thread of the user, not the server's alone: the cap is what
 * the user runs now plus the server's share. Root is not held by it at all (undefined).
 */
export function userProcessCap(maxProcs: number): number | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || process.platform !== 'linux') return undefined;
  return userTasks(uid) + maxProcs;
}

function userTasks(uid: number): number {
  let tasks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) continue;
      tasks += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // Gone meanwhile.
    }
  }
  return tasks;
}

/** conform's own hard limit (the most a process it starts may be given without privileges). */
function ownHardLimit(name: string): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(name));
    const hard = line?.slice(name.length).trim().split(/\s+/)[1];
    return hard === undefined || hard === 'unlimited' ? undefined : Number(hard);
  } catch {
    return undefined;
  }
}
