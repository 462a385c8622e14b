import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import { resolveSandbox } from '../../../harness/config/resolve-sandbox.js';
import { Sandbox } from '../../../harness/supervisor/sandbox/sandbox.js';
import { defaultLimits, type ServerLimits } from '../../../harness/supervisor/sandbox/server-limits.js';
import type { LaunchSpec } from '../../../harness/supervisor/server-process.js';
import { startServer } from '../../../harness/supervisor/start-server.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { repoRoot } from '../../support/run-conform.js';
import { pollUntil, withDeadline } from '../../support/wait.js';

const environment = {
  env: process.env,
  cwd: repoRoot,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  typescriptLoader: '',
};

function sandbox(limits: Partial<ServerLimits> = {}, isolate = 'off'): Sandbox {
  const request = resolveSandbox({ isolate }, environment);
  return Sandbox.prepare({ ...request, limits: { ...defaultLimits, ...limits } });
}

const serverEnv = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
);
const namespaces = sandbox().report.isolation !== 'none';
const isolation = sandbox({}, 'auto').isolated;
/** The reason a test that needs a pid namespace shows in its name where it is skipped. */
const needsNamespace = namespaces
  ? ''
  : ' (skipped: the kernel gives conform no pid namespace here; it needs root, or unprivileged user namespaces)';

/** A Python server on $PORT that runs `before` first, then accepts and reads without ever replying. */
function python(before: string, marker: string): LaunchSpec {
  const code = [
    'import os, socket, sys, resource, signal, time',
    before,
    's = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)',
    "s.bind(('127.0.0.1', int(os.environ['PORT']))); s.listen(16)",
    'while True:',
    '    c, _ = s.accept()',
    '    while c.recv(65536): pass',
  ].join('\n');
  return { file: 'python3', args: ['-c', code, marker], env: serverEnv, cwd: repoRoot };
}

/** Only /proc can tell when processes come and go: looks again until `condition` holds, or fails naming `what`. */
async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  if (!(await pollUntil(condition, ms))) throw new Error(`${what}: not within ${ms} ms`);
}

async function started(command: ReturnType<typeof python>, box: Sandbox) {
  return startServer({ command, startupTimeoutMs: 10_000, platform: procPlatform, sandbox: box });
}

describe('the sandbox a server runs in', () => {
  it('sets the limits on the server, hard, so it cannot raise them', async () => {
    const marker = `sandbox-limits-${randomUUID()}`;
    const box = sandbox({ memoryMb: 300, cpuSeconds: 7, openFiles: 200 });
    const print =
      'print([resource.getrlimit(r) for r in (resource.RLIMIT_DATA, resource.RLIMIT_CPU, resource.RLIMIT_NOFILE)], flush=True)';
    const server = await started(python(print, marker), box);
    try {
      await waitFor(() => server.process.stdout.text().includes(']'), 5000, 'the limits printed');
      expect(server.process.stdout.text().trim()).toBe(
        `[(${300 * 1024 * 1024}, ${300 * 1024 * 1024}), (7, 8), (200, 200)]`,
      );
    } finally {
      await server.process.stop();
      killLeftovers(marker);
    }
  });

  it.skipIf(!namespaces)(
    `names a signal that killed a server behind the namespace’s first process${needsNamespace}`,
    async () => {
      const marker = `sandbox-segv-${randomUUID()}`;
      const server = await started(python('', marker), sandbox());
      try {
        const [pid] = processesMentioning(marker).map((line) => Number(line.split(':')[0]));
        process.kill(pid as number, 'SIGSEGV');
        expect(await server.process.exited).toEqual({ code: null, signal: 'SIGSEGV' });
      } finally {
        await server.process.stop();
        killLeftovers(marker);
      }
    },
  );

  it('stops a fork bomb at the process limit, and says so', async () => {
    const marker = `sandbox-forks-${randomUUID()}`;
    const forks = [
      'for _ in range(200):',
      '    try: os.fork() == 0 and time.sleep(30)',
      '    except OSError: break',
    ].join('\n');
    const server = await started(python(forks, marker), sandbox({ maxProcs: 24 }));
    try {
      const reached = server.process.limitsReached();
      // Where conform has no cgroup (not root), the user's RLIMIT_NPROC is what holds the forks.
      if (reached.length > 0) expect(reached[0]).toContain('limit of 24 processes and threads (--max-procs)');
      // The server's own processes: not the namespace's first process, which names the command too.
      const forks = processesMentioning(marker).filter((line) => /^\d+: \S*python\S* -c/.test(line));
      expect(forks.length).toBeLessThanOrEqual(24);
    } finally {
      await server.process.stop();
      expect(killLeftovers(marker)).toEqual([]);
    }
  });

  it.skipIf(!namespaces)(
    `leaves no process behind when conform itself is killed with SIGKILL, not even a daemon that left everything${needsNamespace}`,
    async () => {
      const marker = `sandbox-escapee-${randomUUID()}`;
      // Double fork, new session, new process group, empty environment: nothing ties it to the server.
      const daemon = [
        'if os.fork() == 0:',
        '    os.setsid()',
        '    if os.fork() == 0:',
        `        os.execve(sys.executable, [sys.executable, '-c', 'import os, time\\nos.setpgid(0, 0)\\ntime.sleep(60)', '${marker}'], {})`,
        '    os._exit(0)',
      ].join('\n');
      const child = spawn(
        process.execPath,
        [
          'bin/conform.js',
          '--timeout',
          '20000',
          '--',
          'python3',
          '-c',
          python(daemon, marker).args[1] as string,
          marker,
        ],
        { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exited = once(child, 'exit');
      try {
        let stdout = '';
        const firstTestDone = new Promise<void>((resolve) =>
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            if (stdout.includes('echo.accept')) resolve();
          }),
        );
        await withDeadline(firstTestDone, 20_000, 'echo.accept to finish');
        // The daemon of the server now testing echo.single-message, and the server itself.
        await waitFor(() => processesMentioning(marker).length >= 2, 5000, 'the daemon to start');
        child.kill('SIGKILL');
        await exited;
        // The kernel ends a namespace's processes one by one: on a busy machine that takes seconds.
        await waitFor(
          () => processesMentioning(marker).length === 0,
          15_000,
          'every process of the server to end',
        );
      } finally {
        child.kill('SIGKILL');
        killLeftovers(marker);
      }
    },
  );

  it.skipIf(!isolation)(
    `isolates the network: the server reaches nothing outside, and conform reaches the server${isolation ? '' : ' (skipped: no network namespace here)'}`,
    async () => {
      const outside = createServer((socket) => socket.end('outside\n'));
      outside.listen(0, '127.0.0.1');
      await once(outside, 'listening');
      const { port } = outside.address() as AddressInfo;
      const marker = `sandbox-net-${randomUUID()}`;
      const probe = [
        'try:',
        `    socket.create_connection(('127.0.0.1', ${port}), timeout=2).recv(16)`,
        "    print('reached', flush=True)",
        'except OSError as error:',
        "    print('refused' if isinstance(error, ConnectionRefusedError) else repr(error), flush=True)",
      ].join('\n');
      const server = await started(python(probe, marker), sandbox({}, 'on'));
      try {
        expect(server.process.stdout.text().trim()).toBe('refused');
        const dial = server.endpoint.dial;
        expect(dial).toBeDefined();
        const socket = await (dial as NonNullable<typeof dial>)(
          server.endpoint.host,
          server.endpoint.port,
          new AbortController().signal,
        );
        expect(socket.remotePort).toBe(server.listener.port);
        socket.destroy();
      } finally {
        outside.close();
        await server.process.stop();
        killLeftovers(marker);
      }
    },
  );

  it.skipIf(!isolation)(
    `keeps a client's sending side open after the server half-closes, as outside a namespace${isolation ? '' : ' (skipped: no network namespace here)'}`,
    async () => {
      const marker = `sandbox-half-${randomUUID()}`;
      const code = [
        'import os, socket',
        's = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)',
        "s.bind(('127.0.0.1', int(os.environ['PORT']))); s.listen(16)",
        'c, _ = s.accept()',
        'c.shutdown(socket.SHUT_WR)',
        "got = b''",
        'while True:',
        '    chunk = c.recv(65536)',
        '    if not chunk: break',
        '    got += chunk',
        "print('got', got.decode(), flush=True)",
        'while True: c.recv(1) or s.accept()',
      ].join('\n');
      const command = { file: 'python3', args: ['-c', code, marker], env: serverEnv, cwd: repoRoot };
      const server = await started(command, sandbox({}, 'on'));
      try {
        const dial = server.endpoint.dial as NonNullable<typeof server.endpoint.dial>;
        const socket = await dial(server.endpoint.host, server.endpoint.port, new AbortController().signal);
        socket.resume();
        await withDeadline(once(socket, 'end'), 5000, "the server's FIN");
        // Still open: its port is known, and what it sends now reaches the server.
        expect(socket.localPort).toBeGreaterThan(0);
        socket.end('after the FIN');
        await waitFor(
          () => server.process.stdout.text().includes('got after the FIN'),
          5000,
          'the bytes sent after the FIN',
        );
        socket.destroy();
      } finally {
        await server.process.stop();
        killLeftovers(marker);
      }
    },
  );
});
