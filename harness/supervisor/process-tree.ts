import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields we need follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== undefined) stats.push(stat);
  }
  return stats;
}

/**
 * The processes that belong to a started server: its process group, plus every descendant of its
 * first process (children that moved to a group of their own are still ours).
 */
export function processTree(rootPid: number): number[] {
  const stats = allStats();
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

/** Processes still running in a process group (zombies, already dead, are not counted). */
export function groupMembers(pgrp: number): number[] {
  return allStats()
    .filter((stat) => stat.pgrp === pgrp && stat.state !== 'Z' && stat.state !== 'X')
    .map((stat) => stat.pid);
}

/** Whether a process still runs (a zombie, already dead, does not). */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** Inodes of the sockets a process holds open. */
export function socketInodes(pid: number): number[] {
  const inodes: number[] = [];
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.push(Number(match[1]));
    } catch {
      // The descriptor was closed while we looked.
    }
  }
  return inodes;
}

/** The process holding a socket inode open, searched across every process we may inspect. */
export function ownerOfInode(inode: number): number | undefined {
  for (const stat of allStats()) {
    if (socketInodes(stat.pid).includes(inode)) return stat.pid;
  }
  return undefined;
}

/** A process's command line, for messages. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return undefined;
  }
}
