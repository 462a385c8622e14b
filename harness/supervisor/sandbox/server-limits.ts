/** What a server (all its processes together, where the system allows) may use. */
export interface ServerLimits {
  /** Data memory of each process, in MiB (RLIMIT_DATA: heap and private mappings). */
  readonly memoryMb: number;
  /** Processes and threads of the server together (a cgroup), or of the user (RLIMIT_NPROC) otherwise. */
  readonly maxProcs: number;
  /** CPU time of each process, in seconds (RLIMIT_CPU: SIGXCPU, then SIGKILL). */
  readonly cpuSeconds: number;
  /** Open file descriptors of each process (RLIMIT_NOFILE). */
  readonly openFiles: number;
  /** What a confined server may write in all, in MiB: in its folder, /tmp and home together (a tmpfs). */
  readonly diskMb: number;
}

/**
 * Generous for a student's server, which serves one test of a few seconds; tight enough that a fork
 * bomb or a runaway allocation ends in a failure, not a frozen machine.
 */
export const defaultLimits: ServerLimits = {
  memoryMb: 1024,
  maxProcs: 256,
  cpuSeconds: 60,
  openFiles: 1024,
  diskMb: 1024,
};

/** The flag that sets each limit, for messages that name the fix. */
export const limitFlags: Readonly<Record<keyof ServerLimits, string>> = {
  memoryMb: '--memory',
  maxProcs: '--max-procs',
  cpuSeconds: '--cpu-time',
  openFiles: '--open-files',
  diskMb: '--disk',
};
