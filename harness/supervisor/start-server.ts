import getPort from 'get-port';
import type { Endpoint } from '../driver/open-connection.js';
import { describeExit } from './exit-info.js';
import type { ListeningSocket, Platform } from '../platform/platform.js';
import { connectHost, describeForeign, foreignListener } from './find-listener.js';
import { ServerProcess, type LaunchSpec } from './server-process.js';
import type { NamespaceDialer } from './sandbox/namespace-dialer.js';
import type { Sandbox } from './sandbox/sandbox.js';
import { StartupError } from './startup-error.js';
import { sandboxFailure } from './sandbox/init-script.js';
import { limitHint } from './sandbox/limits-reached.js';

/** How to start the server under test; `{port}` in the arguments stands for the port it should use. */
export type ServerCommand = LaunchSpec;

export interface StartOptions {
  readonly command: ServerCommand;
  /** The port to ask for; a free one is chosen when absent. */
  readonly port?: number;
  readonly startupTimeoutMs: number;
  /** How the server's sockets and processes are found (resolve-platform.ts). */
  readonly platform: Platform;
  /** The port an earlier start of this server listened on, to explain a failed restart. */
  readonly previousPort?: number;
  /** Stops waiting (and the server) when the run is stopped. */
  readonly signal?: AbortSignal;
  /** Limits and namespaces for the server; none when absent. */
  readonly sandbox?: Sandbox;
}

/** A started server that owns a listening socket. */
export interface RunningServer {
  readonly process: ServerProcess;
  readonly endpoint: Endpoint;
  /** The port the server was asked to use ({port} and PORT). */
  readonly requestedPort: number;
  /** The listening socket, found among those the server's process tree owns. */
  readonly listener: ListeningSocket;
  /** The platform that found it, which looks at it again while tests run. */
  readonly platform: Platform;
}

/** Starts on a free port conform picked, before a port-in-use failure is the server's own. */
const freePortTries = 3;

function substitutePort(args: readonly string[], port: number): string[] {
  return args.map((arg) => arg.replaceAll('{port}', String(port)));
}

/**
 * Starts the server in a process group of its own and waits until a socket owned by its process tree
 * listens, on the requested port or, failing that, wherever the server chose (a port fixed in its code).
 * Never reports ready on a port held by anyone else.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      // A free port conform picked can be taken before the server binds it (by another program's
      // outgoing connection, say): no fault of the server's, so it is started again on another.
      const retry =
        error instanceof StartupError &&
        error.reason === 'port-in-use' &&
        options.port === undefined &&
        options.previousPort === undefined &&
        attempt < freePortTries &&
        options.signal?.aborted !== true;
      if (!retry) throw error;
    }
  }
}

async function startOnce(options: StartOptions): Promise<RunningServer> {
  const { platform } = options;
  const requestedPort = options.port ?? (await getPort({ host: '127.0.0.1' }));
  // A server with a network of its own shares its ports with no one.
  if (options.port !== undefined && options.sandbox?.isolated !== true) {
    const foreign = await foreignListener(platform, options.port);
    if (foreign !== undefined) {
      throw new StartupError(
        'foreign-port',
        `${describeForeign(foreign)}; conform only tests a server it started itself. Stop that program or choose another --port`,
      );
    }
  }
  const server = ServerProcess.spawn(
    {
      ...options.command,
      args: substitutePort(options.command.args, requestedPort),
      env: { ...options.command.env, PORT: String(requestedPort) },
    },
    platform,
    options.sandbox,
  );
  const dialer = server.dialer;
  // Its sockets are in the tables of its own network namespace, and reached from inside it.
  const seen = dialer === undefined ? platform : (platform.inNetworkOf?.(server.pid) ?? platform);
  try {
    const listener = await waitUntilListening(server, requestedPort, { ...options, platform: seen });
    if (dialer !== undefined) await connectorReady(server, dialer, options);
    const endpoint = { host: connectHost(listener), port: listener.port };
    return {
      process: server,
      endpoint:
        dialer === undefined
          ? endpoint
          : { ...endpoint, dial: (host, port, signal) => dialer.dial(host, port, signal) },
      requestedPort,
      listener,
      platform: seen,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function waitUntilListening(
  server: ServerProcess,
  requestedPort: number,
  options: StartOptions,
): Promise<ListeningSocket> {
  const { platform } = options;
  const deadline = performance.now() + options.startupTimeoutMs;
  const worthLooking = platform.startupWatch(server.pid);
  for (let attempt = 0; ; attempt += 1) {
    if (options.signal?.aborted === true) {
      throw new StartupError(
        'interrupted',
        'the run was stopped while the server was starting',
        tails(server),
      );
    }
    if (server.exit !== undefined) throw await exitedBeforeListening(server, options);
    if (!(await worthLooking(attempt))) {
      await nextPoll(server, deadline, attempt, options, requestedPort);
      continue;
    }
    // The tree is read again, after the table: a process that started listening meanwhile is found.
    const { owned, foreign: others } = await platform.listenersByOwner(server.pid, requestedPort);
    const listener = owned.find((socket) => socket.port === requestedPort) ?? owned[0];
    // A port shared with a program conform did not start (SO_REUSEPORT) would split the clients between them.
    const foreign = await foreignListener(platform, listener?.port ?? requestedPort, others);
    if (foreign !== undefined) {
      throw new StartupError(
        'foreign-port',
        `${describeForeign(foreign)}, not by the server conform started; conform only tests a server it started itself`,
        tails(server),
      );
    }
    if (listener !== undefined) return listener;
    await nextPoll(server, deadline, attempt, options, requestedPort);
  }
}

async function nextPoll(
  server: ServerProcess,
  deadline: number,
  attempt: number,
  options: StartOptions,
  requestedPort: number,
): Promise<void> {
  const left = deadline - performance.now();
  if (left <= 0) throw neverListened(server, options, requestedPort);
  const delays = options.platform.pollDelaysMs;
  const delay = Math.min(delays[Math.min(attempt, delays.length - 1)] ?? 0, left);
  await nextCheck(server, delay, options.signal);
}

function tails(server: ServerProcess): { stdout: string; stderr: string } {
  return { stdout: server.stdout.text(), stderr: server.stderr.text() };
}

async function exitedBeforeListening(server: ServerProcess, options: StartOptions): Promise<Error> {
  const exit = server.exit as NonNullable<typeof server.exit>;
  const output = tails(server);
  // conform's own failure, not the server's: the sandbox it probed at the start could not be made.
  const sandbox = output.stderr.split('\n').find((line) => line.startsWith(sandboxFailure));
  if (sandbox !== undefined) return new Error(sandbox.slice('conform: '.length));
  const inUse = /address already in use|EADDRINUSE|BindException/i.test(output.stderr + output.stdout);
  // The port an earlier start listened on, now taken by a program conform did not start: no fault
  // of the server's, and nothing conform can test.
  const taken =
    options.previousPort !== undefined && inUse
      ? await foreignListener(options.platform, options.previousPort)
      : undefined;
  if (taken !== undefined) {
    return new StartupError(
      'foreign-port',
      `the server could not listen again: ${describeForeign(taken)}; conform only tests a server it started itself`,
      { exit, ...output },
    );
  }
  const timeWait =
    options.previousPort !== undefined &&
    inUse &&
    (await options.platform.portInTimeWait(options.previousPort));
  const hint = timeWait
    ? `Port ${options.previousPort} is still in TIME_WAIT from a connection the server closed first, and the server binds without SO_REUSEADDR. Set SO_REUSEADDR on the listening socket before bind().`
    : inUse
      ? 'The port the server binds is already in use. Use the port conform passes (the {port} argument or the PORT variable) rather than a fixed one, or set SO_REUSEADDR before bind().'
      : exit.code === 0
        ? 'The server ended normally before it listened. A server must stay in the foreground while it serves: do not fork into the background (daemonize), and keep the program running after listen().'
        : undefined;
  const limits = server.limitsReached();
  const shownHint = hint ?? (limits.length > 0 ? limitHint : undefined);
  return new StartupError(
    inUse ? 'port-in-use' : 'exited',
    exit.spawnError !== undefined
      ? `the server could not be started: ${exit.spawnError}`
      : `the server ${describeExit(exit)} before listening${inUse ? ': its port was already in use (EADDRINUSE)' : ''}${limits.length > 0 ? `; the server ${limits.join(', and ')}` : ''}`,
    { exit, ...output, ...(shownHint !== undefined && { hint: shownHint }) },
  );
}

function neverListened(server: ServerProcess, options: StartOptions, requestedPort: number): StartupError {
  return new StartupError(
    'timeout',
    `the server did not listen on any TCP port within ${options.startupTimeoutMs} ms (it was given port ${requestedPort})`,
    {
      ...tails(server),
      hint: 'Check that the server calls listen() at start-up, or raise --startup-timeout if it is slow to start (a JVM can take seconds).',
    },
  );
}

/** Waits for the next reason to look again: the delay, the server's exit, any output (servers often announce listening), or a stop. */
function nextCheck(server: ServerProcess, delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      offOut();
      offErr();
      offExit();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    signal?.addEventListener('abort', done, { once: true });
    const timer = setTimeout(done, delayMs);
    const offOut = server.stdout.onceOutput(done);
    const offErr = server.stderr.onceOutput(done);
    const offExit = server.onceExit(done);
  });
}

/**
 * A server in a network of its own is ready once the connector inside is too: its start must not
 * count against a test's first connect. Its time counts against the start-up limit.
 */
async function connectorReady(
  server: ServerProcess,
  dialer: NamespaceDialer,
  options: StartOptions,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let off: () => void = () => undefined;
  const outcome = await Promise.race([
    dialer.ready.then(
      () => 'ready' as const,
      () => 'ended' as const,
    ),
    new Promise<'exited'>((resolve) => (off = server.onceExit(() => resolve('exited')))),
    new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), options.startupTimeoutMs)),
    ),
  ]);
  clearTimeout(timer);
  off();
  if (outcome === 'exited') throw await exitedBeforeListening(server, options);
  if (outcome === 'ended') {
    throw new StartupError(
      'exited',
      "conform's connector in the server's network namespace ended before it was ready",
      {
        ...tails(server),
        hint: 'It runs under the server’s limits: a --memory or --max-procs too small for Node.js stops it. Raise them, or run with --isolate off.',
      },
    );
  }
  if (outcome === 'timeout') {
    throw new StartupError(
      'timeout',
      `conform's connector in the server's network namespace did not start within ${options.startupTimeoutMs} ms`,
      {
        ...tails(server),
        hint: 'The machine may be very busy: raise --startup-timeout, or run with --isolate off.',
      },
    );
  }
}
