/** How busy a server was, measured over a moment while clients waited. */
export interface Busyness {
  /**
   * How often a thread of it was running or waiting for a CPU when looked at: 1 for a server that
   * never waited for anything, whatever share of the CPUs it got.
   */
  readonly runningShare: number;
  /** The part of that CPU time spent in the kernel, in system calls. */
  readonly systemShare: number;
  /** Bytes it read and wrote meanwhile (sockets included), where the platform shows them. */
  readonly ioBytes?: number;
  /** The most files one of its processes held open. */
  readonly openFiles?: number;
  /** The open-files limit of each process, where conform set one. */
  readonly openFilesLimit?: number;
}
