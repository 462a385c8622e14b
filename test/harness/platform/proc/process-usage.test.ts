import { describe, expect, it } from 'vitest';
import { cpuTimes, mostOpenFiles } from '../../../../harness/platform/proc/process-usage.js';

describe('process usage under /proc', () => {
  it('reads the CPU time a process used, growing as it works, and the bytes it moved', async () => {
    const before = await cpuTimes([process.pid]);
    const used = (times: typeof before): number => times.userMs + times.systemMs;
    // Works until a clock tick has counted it, at most 2 s.
    const deadline = performance.now() + 2000;
    let after = before;
    while (used(after) === used(before) && performance.now() < deadline) {
      for (let spin = 0; spin < 1e6; spin += 1) Math.sqrt(spin);
      after = await cpuTimes([process.pid]);
    }
    expect(used(after)).toBeGreaterThan(used(before));
    expect(after.ioBytes).toBeGreaterThan(0);
  });

  it('counts nothing for a process that is gone, and the most files one process holds', async () => {
    expect(await cpuTimes([2 ** 30])).toEqual({ userMs: 0, systemMs: 0 });
    expect(await mostOpenFiles([process.pid])).toBeGreaterThanOrEqual(3);
    expect(await mostOpenFiles([2 ** 30])).toBeUndefined();
  });
});
