import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { procPlatform } from '../../../../harness/platform/proc/proc-platform.js';
import { pollUntil } from '../../../support/wait.js';

const children: ChildProcess[] = [];

/** A Node child running `code`, started once it has said so on stdout; `onCpu` pins it to that CPU. */
async function child(code: string, onCpu?: number): Promise<ChildProcess> {
  const node = [process.execPath, '-e', `console.log('up'); ${code}`];
  const words = onCpu === undefined ? node : ['taskset', '-c', String(onCpu), ...node];
  const started = spawn(words[0] as string, words.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(started);
  await once(started.stdout as NodeJS.ReadableStream, 'data');
  return started;
}

afterEach(async () => {
  for (const started of children.splice(0)) {
    started.kill('SIGKILL');
    if (started.exitCode === null && started.signalCode === null) await once(started, 'exit');
  }
});

describe.runIf(process.platform === 'linux')('runnable and waiting for a CPU, on /proc', () => {
  it('is true for a process that computes, false for one that waits', async () => {
    const spinning = await child('for (;;) {}');
    const waiting = await child('setInterval(() => {}, 60000)');
    expect(await procPlatform.runnable(spinning.pid as number)).toBe(true);
    // Node's own threads may finish some work of its start first.
    expect(
      await pollUntil(async () => (await procPlatform.runnable(waiting.pid as number)) === false, 5000),
    ).toBe(true);
  });

  it('finds a process that shares one CPU with two others waiting for it, and one alone not', async () => {
    const cpuWait = procPlatform.cpuWait;
    if (cpuWait === undefined) throw new Error('the /proc platform measures waits for a CPU');
    // Three spinning on CPU 0: each gets about a third of it and waits the rest.
    const crowded = await Promise.all([0, 1, 2].map(() => child('for (;;) {}', 0)));
    const held = await cpuWait((crowded[0] as ChildProcess).pid as number, 200);
    expect(held?.waitedMs).toBeGreaterThan(0.2 * (held?.elapsedMs ?? 0));
    const waiting = await child('setInterval(() => {}, 60000)');
    // Node's own threads may finish some work of its start first.
    const waitsLittle = async (): Promise<boolean> => {
      const free = await cpuWait(waiting.pid as number, 200);
      return free !== undefined && free.waitedMs < 0.1 * free.elapsedMs;
    };
    expect(await pollUntil(waitsLittle, 5000)).toBe(true);
  });
});
