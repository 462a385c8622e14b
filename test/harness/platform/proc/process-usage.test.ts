import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { busyness, cpuTimes, mostOpenFiles } from '../../../../harness/platform/proc/process-usage.js';

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

  it('finds a process that spins always running and moving no byte, and one that waits seldom running', async () => {
    const spinning = spawn(process.execPath, ['-e', 'process.stdout.write("up\\n", () => { for (;;) {} })']);
    const waiting = spawn(process.execPath, [
      '-e',
      'process.stdout.write("up\\n"); setTimeout(() => {}, 60_000)',
    ]);
    try {
      // Once each has said it is up, its start (reading its files) is over.
      await Promise.all(
        [spinning, waiting].map((child) =>
          once(child.stdout, 'data', { signal: AbortSignal.timeout(10_000) }),
        ),
      );
      const busy = await busyness([spinning.pid as number], 200, 10);
      expect(busy.runningShare).toBeGreaterThanOrEqual(0.8);
      expect(busy.ioBytes).toBe(0);
      expect(busy.systemShare).toBeLessThan(0.5);
      expect((await busyness([waiting.pid as number], 200, 10)).runningShare).toBeLessThanOrEqual(0.2);
    } finally {
      for (const child of [spinning, waiting]) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
    }
  });
});
