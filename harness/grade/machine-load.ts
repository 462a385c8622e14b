import { cpus, freemem } from 'node:os';
import { cgroupFreeMemorySampler } from './cgroup-memory.js';

/** What the machine has free, as a grading's scheduler sees it between two looks. */
export interface LoadSample {
  /** The share of all cores' time spent busy since the previous look, 0 to 1. */
  readonly cpuBusy: number;
  /** Memory that new processes could still have, in bytes. */
  readonly freeMemoryBytes: number;
}

export type LoadSampler = () => LoadSample;

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/**
 * The machine's load, read from the kernel's per-core times and its free memory: MemAvailable on
 * Linux, or less where conform's cgroup (a container's limit) allows less. Each call reports the
 * cores' busy share since the call before.
 */
export function machineLoad(): LoadSampler {
  let last = cpuTimes();
  const cgroupFree = cgroupFreeMemorySampler();
  return () => {
    const now = cpuTimes();
    const total = now.total - last.total;
    const cpuBusy = total > 0 ? Math.min(1, Math.max(0, (now.busy - last.busy) / total)) : 0;
    last = now;
    return { cpuBusy, freeMemoryBytes: Math.min(freemem(), cgroupFree() ?? Infinity) };
  };
}
