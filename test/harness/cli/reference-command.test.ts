import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.js';
import { listeningSockets } from '../../../harness/platform/proc/proc-net.js';
import { repoRoot } from '../../support/run-conform.js';
import { withDeadline } from '../../support/wait.js';

const waitMs = 10_000;

const controllers: AbortController[] = [];
const runs: Promise<unknown>[] = [];
const sockets: Socket[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const controller of controllers.splice(0)) controller.abort();
  await Promise.allSettled(runs.splice(0));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface ReferenceRun {
  readonly exitCode: Promise<number>;
  /** The port, once the server has printed where it listens; rejects if main ends first. */
  readonly port: () => Promise<number>;
  readonly controller: AbortController;
  readonly stderr: () => string;
}

/** `conform reference <args>` in this process, until the test aborts it. */
function reference(args: readonly string[]): ReferenceRun {
  const controller = new AbortController();
  controllers.push(controller);
  let stdout = '';
  let stderr = '';
  let printed: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (printed = resolve));
  const exitCode = main({
    argv: ['reference', ...args],
    env: { NO_COLOR: '1' },
    cwd: repoRoot,
    stdout: {
      write: (text: string) => {
        stdout += text;
        const match = /listening on 127\.0\.0\.1:(\d+) /.exec(stdout);
        if (match) printed(Number(match[1]));
        return true;
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    signal: controller.signal,
  });
  runs.push(exitCode);
  const ended = (): Promise<never> =>
    exitCode.then((code) => {
      throw new Error(`conform reference ended with ${code} before listening: ${stderr}`);
    });
  return {
    exitCode,
    port: () => withDeadline(Promise.race([port, ended()]), waitMs, 'the printed port'),
    controller,
    stderr: () => stderr,
  };
}

async function echoRoundTrip(port: number): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  await withDeadline(once(socket, 'connect'), waitMs, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.end('hello, echo\n');
  await withDeadline(once(socket, 'close'), waitMs, 'the echo and the close');
  return Buffer.concat(chunks).toString('utf8');
}

async function listensOn(port: number): Promise<boolean> {
  return (await listeningSockets()).some((socket) => socket.port === port);
}

async function stopAndCheck(run: ReferenceRun, port: number): Promise<void> {
  run.controller.abort();
  expect(await withDeadline(run.exitCode, waitMs, 'main after the abort')).toBe(0);
  expect(await listensOn(port)).toBe(false);
}

describe('conform reference', () => {
  it('listens on a free port when none is given, prints it, echoes, and exits 0 when stopped', async () => {
    const run = reference(['echo']);
    const port = await run.port();
    expect(await listensOn(port)).toBe(true);
    expect(await echoRoundTrip(port)).toBe('hello, echo\n');
    await stopAndCheck(run, port);
  });

  it('takes --port 0 to mean a free port, as it prints', async () => {
    const run = reference(['echo', '--port', '0']);
    const port = await run.port();
    expect(port).toBeGreaterThan(0);
    expect(await echoRoundTrip(port)).toBe('hello, echo\n');
    await stopAndCheck(run, port);
  });

  it('listens on the --port it is given', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const free = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const run = reference(['echo', '--port', String(free)]);
    expect(await run.port()).toBe(free);
    expect(await echoRoundTrip(free)).toBe('hello, echo\n');
    await stopAndCheck(run, free);
  });

  it('exits 2 when the --port is taken', async () => {
    const holder = createServer();
    servers.push(holder);
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = (holder.address() as { port: number }).port;
    const run = reference(['echo', '--port', String(port)]);
    expect(await withDeadline(run.exitCode, waitMs, 'main')).toBe(2);
    expect(run.stderr()).toBe(
      `conform: port ${port} is already in use: choose another --port, or leave it out for a free one\n`,
    );
  });

  it('exits 2 for a protocol it has no reference server for', async () => {
    const run = reference(['http']);
    expect(await withDeadline(run.exitCode, waitMs, 'main')).toBe(2);
    expect(run.stderr()).toBe(
      'conform: no reference server for `http`: choose one of echo, broadcast, chat, or a suite file (./suite.ts) or package whose model to serve\n',
    );
  });
});
