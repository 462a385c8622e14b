import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { procPlatform } from '../../../../harness/platform/proc/proc-platform.js';
import { pollUntil } from '../../../support/wait.js';

const children: ChildProcess[] = [];

/** A Node child running `code`, started once it has said so on stdout. */
async function child(code: string): Promise<ChildProcess> {
  const started = spawn(process.execPath, ['-e', `console.log('up'); ${code}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
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

describe.runIf(process.platform === 'linux')('runnable on /proc', () => {
  it('is true for a process that computes, false for one that waits', async () => {
    const spinning = await child('for (;;) {}');
    const waiting = await child('setInterval(() => {}, 60000)');
    expect(await procPlatform.runnable(spinning.pid as number)).toBe(true);
    // Node's own threads may finish some work of its start first.
    expect(
      await pollUntil(async () => (await procPlatform.runnable(waiting.pid as number)) === false, 5000),
    ).toBe(true);
  });
});
