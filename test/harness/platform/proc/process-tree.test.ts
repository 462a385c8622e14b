import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { descendants, processTree } from '../../../../harness/platform/proc/process-tree.js';
import { pollUntil, withDeadline } from '../../../support/wait.js';

let started: ChildProcess | undefined;

afterEach(async () => {
  if (started?.pid === undefined) return;
  // Its descendants first, while they can still be found through it.
  for (const pid of await descendants(started.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  if (started.exitCode === null && started.signalCode === null) {
    await withDeadline(once(started, 'exit'), 5000, 'the family after SIGKILL');
  }
  started = undefined;
});

/**
 * A Node process whose worker thread starts one `sleep`, and whose main thread starts another in
 * a session of its own: pids printed once both run.
 */
async function family(): Promise<{ root: number; fromWorker: number; inOwnSession: number }> {
  const code = `
    const { Worker } = require('node:worker_threads');
    const { spawn } = require('node:child_process');
    const away = spawn('setsid', ['sleep', '60'], { stdio: 'ignore' });
    const worker = new Worker("const c = require('node:child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); require('node:worker_threads').parentPort.postMessage(c.pid); setInterval(() => {}, 60000);", { eval: true });
    worker.on('message', (pid) => console.log(JSON.stringify({ fromWorker: pid, inOwnSession: away.pid })));
  `;
  started = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  const [line] = (await withDeadline(
    once(started.stdout as NodeJS.ReadableStream, 'data'),
    10_000,
    'the family saying its pids',
  )) as [Buffer];
  const pids = JSON.parse(line.toString()) as { fromWorker: number; inOwnSession: number };
  return { root: started.pid as number, ...pids };
}

describe.runIf(process.platform === 'linux')('descendants, on /proc', () => {
  it('finds a child a worker thread started and one in a session of its own, as the full scan does', async () => {
    const { root, fromWorker, inOwnSession } = await family();
    // setsid(1) forks first where it is a group leader: wait for the sleep it becomes to be listed.
    expect(await pollUntil(async () => (await descendants(root)).includes(inOwnSession), 5000)).toBe(true);
    const found = await descendants(root);
    expect(found).toContain(root);
    expect(found).toContain(fromWorker);
    expect(found).toContain(inOwnSession);
    expect([...found].sort()).toEqual([...(await processTree(root))].sort());
  });

  it('finds nothing for a process that has ended', async () => {
    const ended = spawn('true');
    await withDeadline(once(ended, 'exit'), 5000, '`true` ending');
    expect(await descendants(ended.pid as number)).toEqual([]);
  });
});
