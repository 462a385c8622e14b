import { readdir, readFile, readlink } from 'node:fs/promises';

interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
}

async function readStat(pid: number): Promise<ProcStat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields we need follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

async function allStats(): Promise<ProcStat[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const stats = await Promise.all(pids.map(readStat));
  return stats.filter((stat) => stat !== undefined);
}

/**
 * The processes that belong to a started server: its process group, plus every descendant of its
 * first process (children that moved to a group of their own are still ours).
 */
export async function processTree(rootPid: number): Promise<number[]> {
  const stats = await allStats();
  const members = new Set<number>(stats.filter((stat) => stat.pgrp === rootPid).map((stat) => stat.pid));
  members.add(rootPid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of stats) {
      if (!members.has(stat.pid) && members.has(stat.ppid)) {
        members.add(stat.pid);
        grew = true;
      }
    }
  }
  const alive = new Set(stats.map((stat) => stat.pid));
  return [...members].filter((pid) => alive.has(pid));
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
export async function groupMembers(pgrp: number): Promise<number[]> {
  return (await allStats())
    .filter((stat) => stat.pgrp === pgrp && stat.state !== 'Z' && stat.state !== 'X')
    .map((stat) => stat.pid);
}

/** Whether a process still runs (a zombie, already dead, does not). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
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
