import type { Busyness } from '../supervisor/busyness.js';
import type { Connection } from '../driver/connection.js';
import type { RunningServer } from '../supervisor/start-server.js';
import type { ServerPool } from './server-pool.js';

/** The share of a moment a server's threads wait for a CPU from which the machine's load holds it back. */
const heldBackShare = 0.1;

/**
 * The server a test talks to. Started on demand, restarted when a run needs a fresh one, and always
 * stopped cleanly: its clients are reset first, so a server on a fixed port can bind it again at once.
 */
export class ServerSession {
  readonly #pool: ServerPool;
  #current: RunningServer | undefined;
  #connections: Connection[] = [];
  #previousPort: number | undefined;
  #closed = false;
  #stopping: Promise<void> = Promise.resolve();
  /** The server being started for whoever asked, while it starts. */
  #ensuring: Promise<RunningServer> | undefined;
  /** The look at the machine's load under way, if one is. */
  #lookingAtLoad: Promise<boolean> | undefined;

  constructor(pool: ServerPool) {
    this.#pool = pool;
  }

  get current(): RunningServer | undefined {
    return this.#current;
  }

  /** Connections opened to the current server so far. */
  get connectionsOnCurrent(): number {
    return this.#connections.length;
  }

  /** A running server: the current one, or a new one if there is none or it has ended. */
  async ensure(signal?: AbortSignal): Promise<RunningServer> {
    if (this.#current !== undefined && this.#current.process.exit === undefined) return this.#current;
    // A start under way (begun ahead, say) is the one the caller gets: never two servers for one run.
    if (this.#ensuring !== undefined) return this.#ensuring;
    this.#ensuring = this.#startAnew(signal);
    try {
      return await this.#ensuring;
    } finally {
      this.#ensuring = undefined;
    }
  }

  async #startAnew(signal?: AbortSignal): Promise<RunningServer> {
    await this.stop();
    if (this.#closed) throw new Error('the test is over: no more servers for it');
    const server = await this.#pool.acquire(this.#previousPort, signal);
    if (this.#closed) {
      // The test ended while this server started: it must not outlive the test.
      await server.process.stop();
      throw new Error('the test is over: no more servers for it');
    }
    this.#current = server;
    this.#previousPort = server.listener.port;
    return server;
  }

  track(connection: Connection): void {
    this.#connections.push(connection);
  }

  /** Whether the current server still runs and still holds its listening socket. */
  async isServing(): Promise<boolean> {
    const server = this.#current;
    if (server === undefined || server.process.exit !== undefined) return false;
    return server.platform.stillListening(server.listener);
  }

  /**
   * How busy the current server is while it runs on as it is (Busyness), looked at `looks` times
   * over `sampleMs`, with the open-files limit it runs under. Undefined where the platform cannot tell.
   */
  async busyness(sampleMs = 200, looks = 10): Promise<Busyness | undefined> {
    const server = this.#current;
    const measured = await server?.platform.busyness?.(server.process.pid, sampleMs, looks);
    const limit = server?.process.openFilesLimit;
    if (measured === undefined) return undefined;
    return limit === undefined ? measured : { ...measured, openFilesLimit: limit };
  }

  /**
   * Whether the machine's load holds the current server back right now: looked at over `sampleMs`,
   * its threads waited for a CPU a tenth of that time or more. False where the platform cannot tell.
   */
  heldBack(sampleMs: number): Promise<boolean> {
    // Many reads run out together (64 clients waiting on one server): they share one look.
    this.#lookingAtLoad ??= this.#lookAtLoad(sampleMs).finally(() => (this.#lookingAtLoad = undefined));
    return this.#lookingAtLoad;
  }

  async #lookAtLoad(sampleMs: number): Promise<boolean> {
    const server = this.#current;
    if (server === undefined || server.process.exit !== undefined) return false;
    const wait = await server.platform.cpuWait?.(server.process.pid, sampleMs);
    return wait !== undefined && wait.waitedMs >= heldBackShare * wait.elapsedMs;
  }

  /** Connections the kernel has completed for the current server that it has not accepted yet. */
  async acceptQueue(): Promise<number | undefined> {
    const server = this.#current;
    if (server === undefined) return undefined;
    const table = await server.platform.listeningSockets();
    return table.find((socket) => socket.id === server.listener.id)?.acceptQueue;
  }

  /** Stops the current server and refuses to start another: the test is over. */
  async close(): Promise<void> {
    this.#closed = true;
    // A server still starting for this test is stopped as soon as it is up (see ensure); wait for that.
    await this.#ensuring?.catch(() => undefined);
    await this.stop();
  }

  /**
   * Resets every client of the current server, then stops its whole process group. A stop already
   * under way (a failed run's, say) is waited for, so no caller goes on while a server still runs.
   */
  async stop(): Promise<void> {
    for (const connection of this.#connections) connection.discard();
    this.#connections = [];
    const server = this.#current;
    this.#current = undefined;
    const previous = this.#stopping;
    this.#stopping = (async () => {
      await previous;
      await server?.process.stop();
    })();
    await this.#stopping;
  }
}
