import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { listeningSockets, portInTimeWait } from '../../../harness/platform/proc/proc-net.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import {
  startServer,
  type RunningServer,
  type ServerCommand,
  type StartOptions,
} from '../../../harness/supervisor/start-server.js';
import { StartupError } from '../../../harness/supervisor/startup-error.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { repoRoot } from '../../support/run-conform.js';
import { fixture, pythonExecutable } from '../../support/toolchains.js';
import { outputMatching, pollUntil, withDeadline } from '../../support/wait.js';

const startupTimeoutMs = 20_000;
const waitMs = 10_000;

const running: RunningServer[] = [];
const markers: string[] = [];
const sockets: Socket[] = [];
const servers: Server[] = [];
const strangers: ChildProcess[] = [];
const witnesses: string[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map(closeServer));
  for (const server of running.splice(0)) await server.process.stop();
  for (const stranger of strangers.splice(0)) {
    stranger.kill('SIGKILL');
    if (stranger.exitCode === null && stranger.signalCode === null) {
      await withDeadline(once(stranger, 'exit'), waitMs, 'the other program ending');
    }
  }
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
  for (const witness of witnesses.splice(0)) rmSync(witness, { force: true });
});

/** A word on the server's command line, so the test can find every process it started (and only those). */
function newMarker(): string {
  const marker = `conform-supervisor-test-${randomUUID()}`;
  markers.push(marker);
  return marker;
}

/** Runs a fixture with the Python interpreter itself; `{port}` is its first argument unless told otherwise. */
function python(
  script: string,
  options: { env?: Record<string, string>; args?: string[] } = {},
): { command: ServerCommand; marker: string } {
  const marker = newMarker();
  return {
    command: {
      file: pythonExecutable(),
      args: [fixture(`supervisor/${script}`), ...(options.args ?? ['{port}']), marker],
      env: options.env ?? {},
      cwd: repoRoot,
    },
    marker,
  };
}

/**
 * A fixture that leaves a file behind when it is started at all: "started nothing" is then checked
 * directly, not inferred from processes that may have come and gone.
 */
function witnessed(script: string): { command: ServerCommand; marker: string; started: () => boolean } {
  const { command, marker } = python(script);
  const witness = join(tmpdir(), `${marker}.started`);
  witnesses.push(witness);
  return {
    command: {
      ...command,
      file: 'sh',
      args: ['-c', ': > "$0"; exec "$@"', witness, command.file, ...command.args],
    },
    marker,
    started: () => existsSync(witness),
  };
}

function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

async function start(options: Omit<StartOptions, 'platform'>): Promise<RunningServer> {
  const server = await startServer({ platform: procPlatform, ...options });
  running.push(server);
  return server;
}

/** startServer's rejection; fails the test if it reports ready instead. */
async function startupFailure(options: Omit<StartOptions, 'platform'>): Promise<StartupError> {
  const outcome = await startServer({ platform: procPlatform, ...options }).then(
    (server) => {
      running.push(server);
      return server;
    },
    (error: unknown) => error,
  );
  if (!(outcome instanceof StartupError)) {
    throw new Error(`expected a StartupError, got ${JSON.stringify(outcome, ['endpoint', 'host', 'port'])}`);
  }
  return outcome;
}

async function listenHere(port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((socket) => {
    sockets.push(socket);
  });
  servers.push(server);
  server.listen(port, host);
  await withDeadline(once(server, 'listening'), waitMs, `listen on ${host}:${port}`);
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function connectTo(endpoint: { host: string; port: number }): Promise<Socket> {
  const socket = connect(endpoint);
  sockets.push(socket);
  await withDeadline(once(socket, 'connect'), waitMs, `connect to ${endpoint.host}:${endpoint.port}`);
  return socket;
}

/** Everything the server sends until it closes the connection; then this end closes too. */
async function readToEnd(endpoint: { host: string; port: number }): Promise<string> {
  const socket = await connectTo(endpoint);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await withDeadline(once(socket, 'close'), waitMs, 'the server closing the connection');
  return Buffer.concat(chunks).toString('utf8');
}

/** A port no socket uses at all, in any state (a fixed-port server without SO_REUSEADDR could not bind it otherwise). */
async function untouchedPort(): Promise<number> {
  const tables = (): string =>
    ['/proc/net/tcp', '/proc/net/tcp6'].map((path) => readFileSync(path, 'utf8')).join('\n');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await getPort({ host: '127.0.0.1' });
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    if (!tables().includes(`:${hex} `)) return port;
  }
  throw new Error('no untouched port found in 50 attempts');
}

/** The process holding a socket open, found through /proc/<pid>/fd. */
function holderOf(inode: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

describe('startServer finds the port the server listens on', () => {
  it('is ready on the {port} it gave, with a 127.0.0.1 endpoint', async () => {
    const { command, started } = witnessed('listen_on_port.py');
    const server = await start({ command, startupTimeoutMs });
    expect(started()).toBe(true);
    expect(server.listener.port).toBe(server.requestedPort);
    expect(server.listener).toMatchObject({ family: 4, address: '127.0.0.1' });
    expect(server.endpoint).toEqual({ host: '127.0.0.1', port: server.requestedPort });
    await connectTo(server.endpoint);
  });

  it('finds a socket that was bound some time before it listened', async () => {
    const { command } = python('bind_then_listen.py');
    const server = await start({ command, startupTimeoutMs });
    expect(server.listener.port).toBe(server.requestedPort);
    await connectTo(server.endpoint);
  });

  it('gives the server the port it is asked for with StartOptions.port', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    const { command } = python('listen_on_port.py');
    const server = await start({ command, port, startupTimeoutMs });
    expect(server.requestedPort).toBe(port);
    expect(server.endpoint).toEqual({ host: '127.0.0.1', port });
  });

  it('sets PORT for a server that reads its port from the environment', async () => {
    const marker = newMarker();
    const command: ServerCommand = {
      file: process.execPath,
      args: [fixture('supervisor/listen_on_env_port.mjs'), marker],
      env: {},
      cwd: repoRoot,
    };
    const server = await start({ command, startupTimeoutMs });
    expect(server.endpoint).toEqual({ host: '127.0.0.1', port: server.requestedPort });
    const socket = await connectTo(server.endpoint);
    socket.write('ping');
    const [echoed] = (await withDeadline(once(socket, 'data'), waitMs, 'the echo')) as [Buffer];
    expect(echoed.toString()).toBe('ping');
  });

  it('finds a server that binds port 0 and listens wherever the kernel put it', async () => {
    const { command } = python('own_port.py', { env: { OWN_PORT: '0' } });
    const server = await start({ command, startupTimeoutMs });
    const [printed] = await outputMatching(server.process.stdout, /^\d+$/m, waitMs);
    expect(server.listener.port).toBe(Number(printed));
    expect(server.endpoint).toEqual({ host: '127.0.0.1', port: Number(printed) });
  });

  it('finds a server that ignores its port for one fixed in its code', async () => {
    const fixed = await getPort({ host: '127.0.0.1' });
    const given = await getPort({ host: '127.0.0.1' });
    const { command } = python('own_port.py', { env: { OWN_PORT: String(fixed) } });
    const server = await start({ command, port: given, startupTimeoutMs });
    expect(server.requestedPort).toBe(given);
    expect(server.listener.port).toBe(fixed);
    expect(server.endpoint).toEqual({ host: '127.0.0.1', port: fixed });
    await connectTo(server.endpoint);
  });

  it('connects over IPv6 to a server that listens on ::1 only', async () => {
    const { command } = python('ipv6_loopback.py');
    const server = await start({ command, startupTimeoutMs });
    expect(server.listener).toMatchObject({ family: 6, address: '::1', port: server.requestedPort });
    expect(server.endpoint).toEqual({ host: '::1', port: server.requestedPort });
    await connectTo(server.endpoint);
  });

  it('shows connections the server has not accepted in its accept queue', async () => {
    const { command } = python('never_accepts.py');
    const server = await start({ command, startupTimeoutMs });
    expect(server.listener.acceptQueue).toBe(0);
    await connectTo(server.endpoint);
    await connectTo(server.endpoint);
    // The kernel finishes the handshake on its own time: look until it has queued both.
    const queued = async (): Promise<number | undefined> =>
      (await listeningSockets()).find((socket) => String(socket.inode) === server.listener.id)?.acceptQueue;
    expect(
      await pollUntil(async () => (await queued()) === 2, waitMs),
      'two connections in the accept queue',
    ).toBe(true);
    expect(await queued()).toBe(2);
  });

  it('finds a listener owned by a child of the started process (sh -c wrapper)', async () => {
    const marker = newMarker();
    const command: ServerCommand = {
      file: 'sh',
      args: ['-c', `python3 ${fixture('supervisor/listen_on_port.py')} $PORT ${marker}`],
      env: inheritedEnv(),
      cwd: repoRoot,
    };
    const server = await start({ command, startupTimeoutMs });
    expect(server.listener.port).toBe(server.requestedPort);
    const holder = holderOf(Number(server.listener.id));
    expect(holder).toBeDefined();
    expect(holder).not.toBe(server.process.pid);
    expect(readFileSync(`/proc/${holder}/cmdline`, 'utf8')).toContain('listen_on_port.py');
    await connectTo(server.endpoint);
  });
});

describe('startServer tests only a server it started itself', () => {
  it('refuses a --port another program already listens on, and starts nothing', async () => {
    const holder = await listenHere(0);
    const port = (holder.address() as { port: number }).port;
    const { command, started } = witnessed('listen_on_port.py');
    const error = await startupFailure({ command, port, startupTimeoutMs });
    expect(error.reason).toBe('foreign-port');
    expect(error.blocksTesting).toBe(true);
    expect(error.message).toContain(`port ${port} is held by another program (pid ${process.pid}`);
    expect(error.message).toMatch(/conform only tests a server it started itself/);
    expect(started()).toBe(false);
  });

  it('refuses a --port held by another program on a different address', async () => {
    const holder = await listenHere(0, '::1');
    const port = (holder.address() as { port: number }).port;
    const { command, started } = witnessed('listen_on_port.py');
    const error = await startupFailure({ command, port, startupTimeoutMs });
    expect(error.reason).toBe('foreign-port');
    expect(error.message).toContain('another program');
    expect(started()).toBe(false);
  });

  it('never reports ready on a port it shares with another program (SO_REUSEPORT)', async () => {
    const fixed = await getPort({ host: '127.0.0.1' });
    const { command, marker } = python('reuse_port.py', { env: { FIXED_PORT: String(fixed) } });
    // An earlier copy of the student's server, still running in a terminal: not started by conform.
    const stranger = spawn(command.file, [...command.args], {
      env: command.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    strangers.push(stranger);
    await withDeadline(
      once(stranger.stdout as NodeJS.ReadableStream, 'data'),
      waitMs,
      'the other copy listening',
    );
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.reason).toBe('foreign-port');
    expect(error.message).toContain(`port ${fixed}`);
    expect(error.message).toContain('another program');
    expect(processesMentioning(marker).map((line) => Number(line.split(':')[0]))).toEqual([stranger.pid]);
  });

  it('never reports ready when another program takes the port during start-up', async () => {
    const control = createServer();
    servers.push(control);
    control.listen(0, '127.0.0.1');
    await withDeadline(once(control, 'listening'), waitMs, 'control server');
    const givenPort = new Promise<number>((resolve) => {
      control.on('connection', (socket) => {
        sockets.push(socket);
        socket.once('data', (data: Buffer) => resolve(Number(data.toString())));
      });
    });
    const controlPort = (control.address() as { port: number }).port;
    const { command, marker } = python('reports_port.py', { env: { CONTROL_PORT: String(controlPort) } });
    const failure = startupFailure({ command, startupTimeoutMs });
    const port = await withDeadline(givenPort, waitMs, 'the port the server was given');
    await listenHere(port);
    const error = await failure;
    expect(error.reason).toBe('foreign-port');
    expect(error.message).toContain(`port ${port} is held by another program (pid ${process.pid}`);
    expect(error.message).toContain('not by the server conform started');
    expect(processesMentioning(marker)).toEqual([]);
  });
});

describe('startServer explains a server that does not start', () => {
  it('reports a server that exits before listening, with its exit code and stderr', async () => {
    const { command, marker } = python('exits_before_listening.py', { args: [] });
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.reason).toBe('exited');
    expect(error.exit).toEqual({ code: 3, signal: null });
    expect(error.message).toBe('the server exited with code 3 before listening');
    expect(error.stderr).toMatch(/^Traceback \(most recent call last\):/);
    expect(error.stderr).toContain('RuntimeError: config.ini not found');
    expect(error.hint).toBeUndefined();
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('leaves no daemon behind when the server daemonizes and its first process exits', async () => {
    const { command, marker } = python('daemonizes.py');
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.reason).toBe('exited');
    expect(error.exit).toEqual({ code: 0, signal: null });
    expect(error.hint).toContain('do not fork into the background');
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('reports a server killed by a signal before listening', async () => {
    const marker = newMarker();
    const command: ServerCommand = {
      file: 'sh',
      args: ['-c', `kill -SEGV $$ # ${marker}`],
      env: {},
      cwd: repoRoot,
    };
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.reason).toBe('exited');
    expect(error.exit).toEqual({ code: null, signal: 'SIGSEGV' });
    expect(error.message).toBe('the server was killed by SIGSEGV before listening');
  });

  it('times out on a server that never listens, after startupTimeoutMs', async () => {
    const { command, marker } = python('never_listens.py', { args: ['{port}'] });
    const started = performance.now();
    const error = await startupFailure({ command, startupTimeoutMs: 300 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(
      /^the server did not listen on any TCP port within 300 ms \(it was given port \d+\)$/,
    );
    expect(error.hint).toContain('--startup-timeout');
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('reports a command that does not exist', async () => {
    const command: ServerCommand = {
      file: `/nonexistent/${newMarker()}`,
      args: ['{port}'],
      env: {},
      cwd: repoRoot,
    };
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.exit?.spawnError).toBe('ENOENT');
    expect(error.message).toBe('the server could not be started: ENOENT');
  });

  it('reports a file that is not executable', async () => {
    const command: ServerCommand = {
      file: fixture('supervisor/never_listens.py'),
      args: ['{port}', newMarker()],
      env: {},
      cwd: repoRoot,
    };
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.exit?.spawnError).toBe('EACCES');
    expect(error.message).toBe('the server could not be started: EACCES');
  });

  it('says a fixed port is in use when the server fails to bind it', async () => {
    const holder = await listenHere(0);
    const fixed = (holder.address() as { port: number }).port;
    const { command, marker } = python('fixed_port_no_reuse.py', { env: { FIXED_PORT: String(fixed) } });
    const error = await startupFailure({ command, startupTimeoutMs });
    expect(error.reason).toBe('port-in-use');
    expect(error.blocksTesting).toBe(false);
    expect(error.message).toBe(
      'the server exited with code 1 before listening: its port was already in use (EADDRINUSE)',
    );
    expect(error.stderr).toContain('Address already in use');
    expect(error.hint).toMatch(/Use the port conform passes/);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('starts the server again on another free port when the one conform picked was taken before it bound', async () => {
    const marker = newMarker();
    const tries = join(tmpdir(), `${marker}.tries`);
    witnesses.push(tries);
    // The first start finds its port taken (as when another program's connection got it first).
    const script = `const fs = require('fs'); const tries = process.argv[1]; if (!fs.existsSync(tries)) { fs.writeFileSync(tries, ''); console.error('listen EADDRINUSE: address already in use'); process.exit(1); } require('net').createServer().listen(+process.env.PORT, '127.0.0.1')`;
    const server = await start({
      command: {
        file: process.execPath,
        args: ['-e', script, tries, marker],
        env: inheritedEnv(),
        cwd: repoRoot,
      },
      startupTimeoutMs,
    });
    expect(server.listener.port).toBe(server.requestedPort);
    expect(existsSync(tries)).toBe(true);
  });

  it('says who holds the port when a server cannot listen again where it listened before', async () => {
    const holder = await listenHere(0);
    const port = (holder.address() as { port: number }).port;
    const { command, marker } = python('fixed_port_no_reuse.py', { env: { FIXED_PORT: String(port) } });
    const error = await startupFailure({ command, startupTimeoutMs, previousPort: port });
    expect(error.reason).toBe('foreign-port');
    expect(error.blocksTesting).toBe(true);
    expect(error.message).toContain(
      `the server could not listen again: port ${port} is held by another program (pid ${process.pid}`,
    );
    expect(error.stderr).toContain('Address already in use');
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('blames TIME_WAIT when a fixed-port server without SO_REUSEADDR is restarted after closing first', async () => {
    const port = await untouchedPort();
    const { command, marker } = python('fixed_port_no_reuse.py', { env: { FIXED_PORT: String(port) } });
    const first = await start({ command, startupTimeoutMs });
    expect(first.listener.port).toBe(port);
    expect(await readToEnd(first.endpoint)).toBe('bye\n');
    expect(await pollUntil(() => portInTimeWait(port), waitMs), `TIME_WAIT on port ${port}`).toBe(true);
    await first.process.stop();
    expect(processesMentioning(marker)).toEqual([]);

    const error = await startupFailure({ command, startupTimeoutMs, previousPort: port });
    expect(error.reason).toBe('port-in-use');
    expect(error.exit?.code).toBe(1);
    expect(error.hint).toContain(`Port ${port} is still in TIME_WAIT`);
    expect(error.hint).toContain('SO_REUSEADDR');
    expect(processesMentioning(marker)).toEqual([]);
  });
});
