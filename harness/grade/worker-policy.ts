/**
 * How many submissions are graded at once. A fixed count (`--workers n`) has min = max = n. By
 * default, grading begins with one a core and adds one, up to `max`, whenever the cores were less
 * than `raiseBelowBusy` busy and the memory a worker may need is free: a submission whose servers
 * only wait (a slow server, a reply that never comes) no longer holds a core idle.
 */
export interface WorkerPolicy {
  /** Graded at once from the start, and never fewer while submissions wait. */
  readonly min: number;
  readonly max: number;
  /** Another worker starts only while the cores' busy share (0 to 1, a running average in which each look weighs half) is below this. */
  readonly raiseBelowBusy: number;
  /** Above this busy share, a worker that finishes is not replaced (down to `min`). */
  readonly lowerAboveBusy: number;
  /** Another worker starts only while this much memory is free. */
  readonly memoryPerWorkerBytes: number;
  /** How often the machine's load is looked at. */
  readonly intervalMs: number;
}

const mebibyte = 1024 * 1024;

/** `--workers n`: exactly n at a time, whatever the load. */
export function fixedWorkers(count: number): WorkerPolicy {
  return {
    min: count,
    max: count,
    raiseBelowBusy: 0,
    lowerAboveBusy: 1,
    memoryPerWorkerBytes: 0,
    intervalMs: 1000,
  };
}

/**
 * The default: one worker a core to begin with, up to six a core while the cores have time to spare
 * (most of a graded submission's time is spent waiting on its servers). A worker may need a server's
 * memory limit (each test's server, `jobs` at a time) and conform's own process beside it.
 */
export function workersByLoad(cores: number, serverMemoryMb: number, jobs: number): WorkerPolicy {
  return {
    min: cores,
    max: 6 * cores,
    raiseBelowBusy: 0.8,
    lowerAboveBusy: 0.95,
    memoryPerWorkerBytes: (serverMemoryMb * jobs + 256) * mebibyte,
    intervalMs: 1000,
  };
}
