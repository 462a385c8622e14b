import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isLive, liveGroupMembers, treeOf, type ProcessEntry } from '../process-table.js';

/*
 * A process's stat, children, descriptors and threads are read synchronously: each is a small file
 * the kernel writes out at once, without the process's memory lock, and a read through the thread
 * pool costs several times the CPU of the read itself (polls read them every few milliseconds).
 * Files that lock the process's memory (environ, cmdline) are read asynchronously, so a process
 * that holds its lock cannot stall conform.
 */

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function entries(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** A process's entry read from /proc/<pid>/stat. */
function readStat(pid: number): ProcessEntry | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // The command name may hold spaces and parentheses: the fields we need follow the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]) };
}

function allPids(): number[] {
  return entries('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

function allStats(): ProcessEntry[] {
  return allPids()
    .map(readStat)
    .filter((stat) => stat !== undefined);
}

/** Whether a thread of one of `pids` is running or waiting for a CPU (state R), not blocked. */
export function anyRunnable(pids: readonly number[]): Promise<boolean> {
  return Promise.resolve(
    pids.some((pid) =>
      entries(`/proc/${pid}/task`).some((thread) => {
        const text = readText(`/proc/${pid}/task/${thread}/stat`);
        return text !== undefined && text[text.lastIndexOf(')') + 2] === 'R';
      }),
    ),
  );
}

/** A server's processes: its group, and every descendant of its first process. */
export function processTree(rootPid: number): Promise<number[]> {
  return Promise.resolve(treeOf(allStats(), rootPid));
}

/** Whether the kernel lists each thread's children (CONFIG_PROC_CHILDREN), for descendants(). */
const childrenListed = existsSync(`/proc/self/task/${process.pid}/children`);

/**
 * A process and all its descendants, found through the kernel's list of each thread's children:
 * a few files per process, where processTree reads every process of the machine. Children that
 * left the process's line (a daemon whose parent ended) are not among them: stopping a server
 * finds those through processTree and its tag. The whole tree where the kernel keeps no such list.
 */
export function descendants(rootPid: number): Promise<number[]> {
  if (!childrenListed) return processTree(rootPid);
  const found: number[] = [];
  const seen = new Set<number>();
  const visit = (pid: number): void => {
    if (seen.has(pid)) return;
    seen.add(pid);
    const threads = entries(`/proc/${pid}/task`);
    // A process that has ended lists no threads: it is not counted, nor are children through it.
    if (threads.length === 0) return;
    found.push(pid);
    for (const thread of threads) {
      for (const child of (readText(`/proc/${pid}/task/${thread}/children`) ?? '').split(' ')) {
        if (/^\d+$/.test(child)) visit(Number(child));
      }
    }
  };
  visit(rootPid);
  return Promise.resolve(found);
}

/**
 * Processes whose environment holds `entry` (NAME=value). Environments are inherited: this finds a
 * server's daemon that left both its process group and its parent. Processes of other users, whose
 * environments cannot be read, are passed over.
 */
export async function processesWithEnvironment(entry: string): Promise<number[]> {
  const pids = allPids();
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
export function groupMembers(pgid: number): Promise<number[]> {
  return Promise.resolve(liveGroupMembers(allStats(), pgid));
}

/** Whether a process still runs (a zombie, already dead, does not). */
export function isRunning(pid: number): Promise<boolean> {
  const stat = readStat(pid);
  return Promise.resolve(stat !== undefined && isLive(stat));
}

function socketInodesNow(pid: number): number[] {
  return entries(`/proc/${pid}/fd`).flatMap((fd) => {
    let target = '';
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      // A descriptor closed while we look reads as nothing.
    }
    const match = /^socket:\[(\d+)\]$/.exec(target);
    return match ? [Number(match[1])] : [];
  });
}

/** Inodes of the sockets a process holds open. */
export function socketInodes(pid: number): Promise<number[]> {
  return Promise.resolve(socketInodesNow(pid));
}

/** The process holding a socket inode open, searched across every process we may inspect. */
export function ownerOfInode(inode: number): Promise<number | undefined> {
  return Promise.resolve(allPids().find((pid) => socketInodesNow(pid).includes(inode)));
}

/** A process's command line, for messages. */
export async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
  } catch {
    return undefined;
  }
}
