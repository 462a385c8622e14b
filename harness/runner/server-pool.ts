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
}

/** Servers started ahead of need. */
const startAhead = 1;

/**
 * Starts servers for every test of a run. Once a server has shown that it listens on the port it is
 * given, the next one is started while the current test runs, so a test seldom waits for a cold
 * start; each server still serves one test only. A server on a fixed port is started on demand.
 */
export class ServerPool {
  readonly #launch: LaunchSettings;
  readonly #signal: AbortSignal | undefined;
  readonly #ahead: Promise<RunningServer>[] = [];
  #firstPort: number | null = null;
  #closed = false;
  /** Servers handed out since the run's last test began, or undefined before it. */
  #inLastTest: number | undefined;

  /** `signal` stops every start of the run, the ones made ahead included. */
  constructor(launch: LaunchSettings, signal?: AbortSignal) {
    this.#launch = launch;
    this.#signal = signal;
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

  /** A fresh, listening server. `previousPort` explains a failed restart on a fixed port. */
  async acquire(previousPort?: number, signal?: AbortSignal): Promise<RunningServer> {
    const ready = await this.#takePrestarted();
    const server = ready ?? (await this.#start(previousPort, signal));
    this.#firstPort ??= server.listener.port;
    if (this.#launch.givenPortOnly === true && this.#launch.port === undefined) {
      if (server.listener.port !== server.requestedPort) {
        await server.process.stop();
        throw new StartupError(
          'not-given-port',
          `the server listens on port ${server.listener.port}, not on port ${server.requestedPort} it was given (--given-port-only)`,
        );
      }
    }
    const honoursPort = this.#launch.port === undefined && server.listener.port === server.requestedPort;
    if (this.#inLastTest !== undefined) this.#inLastTest += 1;
    // The last test needs a server after its first only when it starts again (a failed run, say).
    const wanted = this.#inLastTest === 1 ? 0 : startAhead;
    while (honoursPort && !this.#closed && this.#ahead.length < wanted) this.#prestart();
    return server;
  }

  /**
   * The test about to run is the run's last: no server is started ahead while it runs on its first,
   * since no test comes after it; one is again if it needs another.
   */
  lastTest(): void {
    this.#inLastTest = 0;
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
