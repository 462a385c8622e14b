/** One process as the system lists it: enough to find a server's tree and group. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** The state letter(s): Z is a zombie (already dead), X a process being reaped. */
  readonly state: string;
}

/** Whether an entry is a process that still runs, not a zombie waiting to be reaped. */
export function isLive(entry: ProcessEntry): boolean {
  return !entry.state.startsWith('Z') && !entry.state.startsWith('X');
}

/**
 * The processes that belong to a started server: its process group, plus every descendant of its
 * first process (children that moved to a group of their own are still ours).
 */
export function treeOf(entries: readonly ProcessEntry[], rootPid: number): number[] {
  const members = new Set<number>(
    entries.filter((entry) => entry.pgid === rootPid).map((entry) => entry.pid),
  );
  members.add(rootPid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of entries) {
      if (!members.has(entry.pid) && members.has(entry.ppid)) {
        members.add(entry.pid);
        grew = true;
      }
    }
  }
  const listed = new Set(entries.map((entry) => entry.pid));
  return [...members].filter((pid) => listed.has(pid));
}

/** Processes still running in a process group (zombies, already dead, are not counted). */
export function liveGroupMembers(entries: readonly ProcessEntry[], pgid: number): number[] {
  return entries.filter((entry) => entry.pgid === pgid && isLive(entry)).map((entry) => entry.pid);
}
