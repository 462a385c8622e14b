import { startServer, type RunningServer, type ServerCommand } from '../supervisor/start-server.js';

export interface LaunchSettings {
  readonly command: ServerCommand;
  readonly port?: number;
  readonly startupTimeoutMs: number;
}

/**
 * Starts servers for every test of a run. Once a server has shown that it listens on the port it is
 * given, the next one is started while the current test runs, so a test never waits for a cold start;
 * each server still serves one test only. A server on a fixed port is always started on demand.
 */
/** Servers started ahead of need. */
const startAhead = 1;

export class ServerPool {
  readonly #launch: LaunchSettings;
  readonly #signal: AbortSignal | undefined;
  readonly #ahead: Promise<RunningServer>[] = [];
  #honoursPort = false;
  #firstPort: number | null = null;
  #everStarted = false;
  #closed = false;

  /** `signal` stops every start of the run, the ones made ahead included. */
  constructor(launch: LaunchSettings, signal?: AbortSignal) {
    this.#launch = launch;
    this.#signal = signal;
  }

  /** Whether any server of this run has ever reached listening. */
  get everStarted(): boolean {
    return this.#everStarted;
  }

  /** Where the first server listened, for the report. */
  get firstPort(): number | null {
    return this.#firstPort;
  }

  /** A fresh, listening server. `previousPort` explains a failed restart on a fixed port. */
  async acquire(previousPort?: number, signal?: AbortSignal): Promise<RunningServer> {
    const ready = await this.#takePrestarted();
    const server = ready ?? (await this.#start(previousPort, signal));
    this.#everStarted = true;
    this.#firstPort ??= server.listener.port;
    this.#honoursPort = this.#launch.port === undefined && server.listener.port === server.requestedPort;
    while (this.#honoursPort && !this.#closed && this.#ahead.length < startAhead) this.#prestart();
    return server;
  }

  /** Stops a server started ahead that no test took. */
  async close(): Promise<void> {
    this.#closed = true;
    const ahead = this.#ahead.splice(0);
    for (const next of ahead) await (await next.catch(() => undefined))?.process.stop();
  }

  #start(previousPort?: number, signal?: AbortSignal): Promise<RunningServer> {
    const signals = [this.#signal, signal].filter((entry) => entry !== undefined);
    return startServer({
      command: this.#launch.command,
      startupTimeoutMs: this.#launch.startupTimeoutMs,
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
