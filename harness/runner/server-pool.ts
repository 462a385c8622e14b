import type { Sandbox } from '../supervisor/sandbox/sandbox.js';
import type { Platform } from '../platform/platform.js';
import { StartupError } from '../supervisor/startup-error.js';
import { startServer, type RunningServer, type ServerCommand } from '../supervisor/start-server.js';

export interface LaunchSettings {
  readonly command: ServerCommand;
  readonly port?: number;
  readonly startupTimeoutMs: number;
  /** How servers' ports and processes are found. */
  readonly platform: Platform;
  /** A server that listens on a port other than the one it was given is stopped, and no test runs. */
  readonly givenPortOnly?: boolean;
  /** Limits and namespaces for every server of the run. */
  readonly sandbox?: Sandbox;
  /** Each server runs apart from the others (a network of its own): servers never share a port. */
  readonly isolated?: boolean;
}

/**
 * Starts servers for every test of a run. Once a server has shown that it listens on the port it is
 * given, servers for the tests to come are started while tests run (as many as run at once), so a
 * test seldom waits for a cold start; each server still serves one test only. A server on a fixed
 * port is started on demand.
 */
export class ServerPool {
  readonly #launch: LaunchSettings;
  readonly #signal: AbortSignal | undefined;
  readonly #ahead: Promise<RunningServer>[] = [];
  readonly #startAhead: number;
  #firstPort: number | null = null;
  #closed = false;
  #testsToCome = Number.POSITIVE_INFINITY;
  #apart: boolean | undefined;
  #learnApart: () => void = () => undefined;
  readonly #apartKnown: Promise<void>;

  /**
   * `signal` stops every start of the run, the ones made ahead included. `startAhead` is how many
   * servers may wait ready for tests to come: the number of tests that run at once.
   */
  constructor(launch: LaunchSettings, signal?: AbortSignal, startAhead = 1) {
    this.#launch = launch;
    this.#signal = signal;
    this.#startAhead = startAhead;
    this.#apartKnown = new Promise((resolve) => (this.#learnApart = resolve));
    if (launch.isolated === true) this.#setApart(true);
    else if (launch.port !== undefined) this.#setApart(false);
  }

  /** Whether any server of this run has ever reached listening. */
  get everStarted(): boolean {
    return this.#firstPort !== null;
  }

  /** Where the first server listened, for the report. */
  get firstPort(): number | null {
    return this.#firstPort;
  }

  /** Servers started (or starting) ahead of need, not yet handed out. */
  get startedAhead(): number {
    return this.#ahead.length;
  }

  /**
   * Whether each server can have a port of its own, so tests may run at once: known from the start
   * for an isolated launch or a --port, otherwise once the first server has listened.
   */
  get serversApart(): boolean | undefined {
    return this.#apart;
  }

  /** Resolves once `serversApart` is known. */
  get serversApartKnown(): Promise<void> {
    return this.#apartKnown;
  }

  /** Tests of the run not begun yet: no server is started ahead for tests that will never come. */
  testsToCome(count: number): void {
    this.#testsToCome = count;
  }

  /** A fresh, listening server. `previousPort` explains a failed restart on a fixed port. */
  async acquire(previousPort?: number, signal?: AbortSignal): Promise<RunningServer> {
    const ready = await this.#takePrestarted();
    const server = ready ?? (await this.#start(previousPort, signal));
    this.#firstPort ??= server.listener.port;
    const honoursPort = this.#launch.port === undefined && server.listener.port === server.requestedPort;
    if (this.#apart === undefined) this.#setApart(honoursPort);
    if (this.#launch.givenPortOnly === true && this.#launch.port === undefined && !honoursPort) {
      await server.process.stop();
      throw new StartupError(
        'not-given-port',
        `the server listens on port ${server.listener.port}, not on port ${server.requestedPort} it was given (--given-port-only)`,
      );
    }
    // A test that starts a server again (a failed run, say) may well need another: keep one ready.
    const restart = previousPort !== undefined;
    const wanted = Math.max(Math.min(this.#startAhead, this.#testsToCome), restart ? 1 : 0);
    const apart = this.#launch.isolated === true || honoursPort;
    while (apart && !this.#closed && this.#ahead.length < wanted) this.#prestart();
    return server;
  }

  /** Stops the servers started ahead that no test took; none is started after this. */
  async close(): Promise<void> {
    this.#closed = true;
    const ahead = this.#ahead.splice(0);
    await Promise.all(ahead.map(async (next) => (await next.catch(() => undefined))?.process.stop()));
  }

  #setApart(apart: boolean): void {
    this.#apart = apart;
    this.#learnApart();
  }

  #start(previousPort?: number, signal?: AbortSignal): Promise<RunningServer> {
    const signals = [this.#signal, signal].filter((entry) => entry !== undefined);
    return startServer({
      command: this.#launch.command,
      startupTimeoutMs: this.#launch.startupTimeoutMs,
      ...(this.#launch.sandbox !== undefined && { sandbox: this.#launch.sandbox }),
      platform: this.#launch.platform,
      ...(this.#launch.port !== undefined && { port: this.#launch.port }),
      ...(previousPort !== undefined && { previousPort }),
      ...(signals.length > 0 && { signal: AbortSignal.any(signals) }),
    });
  }

  #prestart(): void {
    const next = this.#start();
    next.catch(() => undefined);
    this.#ahead.push(next);
  }

  async #takePrestarted(): Promise<RunningServer | undefined> {
    const next = this.#ahead.shift();
    if (next === undefined) return undefined;
    const server = await next.catch(() => undefined);
    // One that failed or ended while waiting is dropped; the caller starts one in the open.
    if (server === undefined) return undefined;
    if (server.process.exit === undefined) return server;
    await server.process.stop();
    return undefined;
  }
}
