import { readdir, readFile, readlink } from 'node:fs/promises';
import { isLive, liveGroupMembers, treeOf, type ProcessEntry } from '../process-table.js';

/** A process's entry read from /proc/<pid>/stat. */
async function readStat(pid: number): Promise<ProcessEntry | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields we need follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

async function allStats(): Promise<ProcessEntry[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const stats = await Promise.all(pids.map(readStat));
  return stats.filter((stat) => stat !== undefined);
}

/** Whether a thread of one of `pids` is running or waiting for a CPU (state R), not blocked. */
export async function anyRunnable(pids: readonly number[]): Promise<boolean> {
  for (const pid of pids) {
    let threads: string[];
    try {
      threads = await readdir(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const thread of threads) {
      try {
        const text = await readFile(`/proc/${pid}/task/${thread}/stat`, 'utf8');
        if (text[text.lastIndexOf(')') + 2] === 'R') return true;
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return false;
}

/** A server's processes: its group, and every descendant of its first process. */
export async function processTree(rootPid: number): Promise<number[]> {
  return treeOf(await allStats(), rootPid);
}

/**
 * Processes whose environment holds `entry` (NAME=value). Environments are inherited: this finds a
 * server's daemon that left both its process group and its parent. Processes of other users, whose
 * environments cannot be read, are passed over.
 */
export async function processesWithEnvironment(entry: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const found = await Promise.all(
    pids.map(async (pid) => {
      try {
        return (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').includes(entry);
      } catch {
        return false;
      }
    }),
  );
  return pids.filter((_, index) => found[index]);
}

/** Processes still running in a process group (zombies, already dead, are not counted). */
export async function groupMembers(pgid: number): Promise<number[]> {
  return liveGroupMembers(await allStats(), pgid);
}

/** Whether a process still runs (a zombie, already dead, does not). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await readStat(pid);
  return stat !== undefined && isLive(stat);
}

/** Inodes of the sockets a process holds open. */
export async function socketInodes(pid: number): Promise<number[]> {
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const targets = await Promise.all(
    // A descriptor closed while we look reads as nothing.
    fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')),
  );
  return targets.flatMap((target) => {
    const match = /^socket:\[(\d+)\]$/.exec(target);
    return match ? [Number(match[1])] : [];
  });
}

/** The process holding a socket inode open, searched across every process we may inspect. */
export async function ownerOfInode(inode: number): Promise<number | undefined> {
  for (const stat of await allStats()) {
    if ((await socketInodes(stat.pid)).includes(inode)) return stat.pid;
  }
  return undefined;
}

/** A process's command line, for messages. */
export async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
  } catch {
    return undefined;
  }
}

/**
 * A process and its descendants, found cheaply through the kernel's list of each one's children
 * (children of its other threads are missed: the full tree scan finds those).
 */
export async function lineOf(pid: number): Promise<number[]> {
  const found = [pid];
  for (let index = 0; index < found.length && found.length < 64; index += 1) {
    const parent = found[index] as number;
    const children = await readFile(`/proc/${parent}/task/${parent}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ')) if (/^\d+$/.test(child)) found.push(Number(child));
  }
  return found;
}
