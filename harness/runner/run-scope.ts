import { ReceiveBudget } from '../driver/receive-budget.js';
import { Finding } from '../checkers/finding.js';
import type { Connection } from '../driver/connection.js';
import { drainedOrStalled } from '../driver/drained-or-stalled.js';
import { EventLog } from '../driver/event-log.js';
import { openConnection } from '../driver/open-connection.js';
import { describeForeign, foreignListener } from '../supervisor/find-listener.js';
import { StartupError } from '../supervisor/startup-error.js';
import { describeExit } from '../supervisor/exit-info.js';
import type { RunningServer } from '../supervisor/start-server.js';
import type { RunKnowledge } from './run-knowledge.js';
import { asError } from './as-error.js';
import { OracleError } from '../oracle/oracle-error.js';
import type { OracleLink } from '../oracle/oracle-link.js';
import type { ServerSession } from './server-session.js';
import type { TestSettings } from './test-settings.js';

/** What a test's code sees during one run: connections to the server, and the run's log. */
export interface RunContext {
  readonly settings: TestSettings;
  readonly log: EventLog;
  /** What every test of this run (this server program) shares: facts found out once, round trips, notes. */
  readonly knowledge: RunKnowledge;
  /** Opens a client connection, named c1, c2, ... unless a name is given. */
  connect(name?: string): Promise<Connection>;
  /** The server this run talks to. */
  readonly server: RunningServer;
  /** Connections completed by the kernel that the server has not accepted yet, where the system shows it. */
  acceptQueue(): Promise<number | undefined>;
  /**
   * Waits until the server's program has read everything `connection` sent (where the system shows it), or has
   * read nothing more for `stallMs` while blocked, not waiting for a CPU where the system shows that
   * (a server that stops reading while its replies go unread is not wrong). Resolves with whether it
   * read everything.
   */
  serverCaughtUp(connection: Connection, stallMs?: number): Promise<boolean>;
  /**
   * Waits until the server's program has been blocked, not running nor waiting for a CPU, after
   * `stallMs` (or a second more has passed): it has dealt with what it was last sent. For what the
   * protocol gives no answer to, such as a reset (where the system shows it; else just `stallMs`).
   */
  serverIdle(stallMs?: number): Promise<void>;
  /** A comment in the counterexample script. */
  note(text: string): void;
  /**
   * How long silence must last to show that nothing more is on its way: four times the slow end of
   * the round trips this run's servers have shown, at least 100 ms, at most the reply wait.
   */
  quietPeriodMs(): number;
  /**
   * Waits a quiet period, then fails if any of `connections` received bytes that no read took: the
   * server sent what the protocol does not call for (an answer to half a line, say).
   */
  expectQuiet(...connections: Connection[]): Promise<void>;
  /**
   * Opens a connection to the suite's oracle (its solution server, started fresh for each run of a
   * test with `oracle: true`), to learn what the server under test should send. Its traffic stays out
   * of the run's script. A read on it that fails is the oracle's fault: catch it and throw
   * `oracleFailed(error)`, so it is reported as the suite's error, not the server's.
   */
  connectOracle(name: string): Promise<Connection>;
  /** An error for a failure of the oracle (a read that timed out, say): the run's verdict is unknown. */
  oracleFailed(error: unknown): Error;
}

/** Least quiet period: shorter silences are not to be trusted on a busy machine, however quick the replies. */
const quietFloorMs = 100;

/** Unasked bytes the connections of one run may hold together: conform's memory stays bounded. */
const runReceiveBudget = 64 * 1024 * 1024;

/** How long a look at whether the machine's load holds a server back lasts: short beside the wait it extends. */
function loadLookMs(replyTimeoutMs: number): number {
  return Math.min(100, Math.max(20, replyTimeoutMs / 5));
}

/** One run: a fresh log and the connections it opened, closed or reset when it ends. */
export class RunScope implements RunContext {
  readonly settings: TestSettings;
  readonly log = new EventLog();
  readonly server: RunningServer;
  readonly knowledge: RunKnowledge;
  readonly #session: ServerSession;
  readonly #signal: AbortSignal;
  readonly #connections: Connection[] = [];
  readonly #oracle: OracleLink | undefined;
  readonly #oracleLog = new EventLog();
  readonly #oracleConnections: Connection[] = [];
  readonly #budget = new ReceiveBudget(runReceiveBudget);
  /** Whether a read's wait goes on while the machine's load holds the server back. */
  readonly #patient: boolean;

  /**
   * `patient` is false for a shrink's quick tries: their waits are short on purpose, and the case
   * they find is run again at the full wait.
   */
  constructor(
    session: ServerSession,
    server: RunningServer,
    settings: TestSettings,
    knowledge: RunKnowledge,
    signal: AbortSignal,
    patient = true,
    oracle?: OracleLink,
  ) {
    this.#patient = patient;
    this.#oracle = oracle;
    this.#session = session;
    this.server = server;
    this.settings = settings;
    this.knowledge = knowledge;
    this.#signal = signal;
  }

  async connect(name = `c${this.#connections.length + 1}`): Promise<Connection> {
    this.#signal.throwIfAborted();
    if (this.server.process.exit !== undefined) {
      throw new Finding({
        kind: 'server-exit',
        conn: name,
        message: `the server ${describeExit(this.server.process.exit)} before ${name} connected`,
        outcome: 'nothing to connect to: the server had exited',
      });
    }
    // In a network of its own, no other program can listen on the server's port.
    const alone = this.server.process.dialer !== undefined;
    if (this.server.listener.port !== this.server.requestedPort && !alone) await this.#stillTheServers();
    const connection = await openConnection(name, this.server.endpoint, this.log, {
      connectTimeoutMs: this.settings.replyTimeoutMs,
      replyTimeoutMs: this.settings.replyTimeoutMs,
      maxBufferedBytes: this.settings.maxBufferedBytes,
      budget: this.#budget,
      onWait: (ms) => this.knowledge.replyWaits.add(ms),
      ...(this.#patient && {
        heldBack: () => this.#session.heldBack(loadLookMs(this.settings.replyTimeoutMs)),
      }),
    });
    this.#session.track(connection);
    this.#connections.push(connection);
    return connection;
  }

  /**
   * A server on a port of its own choosing (the course's 2000) may close its listening socket before
   * its exit is seen, and another program may take the port meanwhile: a client must not reach that
   * program. One read of the socket table when the listener is the one found at start; otherwise
   * its owner is looked up, and a stranger's stops the test as no fault of the server's.
   */
  async #stillTheServers(): Promise<void> {
    const { platform, listener } = this.server;
    const listening = (await platform.listeningSockets()).filter((socket) => socket.port === listener.port);
    if (listening.every((socket) => socket.id === listener.id)) return;
    const owned = await platform.ownedSocketIds(this.server.process.pid);
    const stranger = listening.filter((socket) => !owned.has(socket.id));
    if (stranger.length === 0) return;
    const foreign = await foreignListener(platform, listener.port, stranger);
    if (foreign === undefined) return;
    throw new StartupError(
      'foreign-port',
      `${describeForeign(foreign)} since the server let it go; conform only tests a server it started itself`,
    );
  }

  /** Bytes this run's clients have sent, in all. */
  get bytesWritten(): number {
    return this.#connections.reduce((sum, connection) => sum + connection.bytesWritten, 0);
  }

  /** Bytes this run's clients have handed to the kernel, in all: written, less what waits to go. */
  get bytesSent(): number {
    return this.#connections.reduce(
      (sum, connection) => sum + Math.max(0, connection.bytesWritten - connection.bytesUnsent),
      0,
    );
  }

  /** Bytes this run's clients have received, in all. */
  get bytesReceived(): number {
    return this.#connections.reduce((sum, connection) => sum + connection.bytesReceived, 0);
  }

  acceptQueue(): Promise<number | undefined> {
    return this.#session.acceptQueue();
  }

  async serverCaughtUp(connection: Connection, stallMs = 50): Promise<boolean> {
    // Bytes conform has not handed to the kernel yet count too: while they move into the socket as
    // the server reads, the kernel's count alone can stay the same.
    return drainedOrStalled(
      () => this.#unreadByServer(connection),
      stallMs,
      () => this.server.platform.runnable(this.server.process.pid),
    );
  }

  async serverIdle(stallMs = 50): Promise<void> {
    await drainedOrStalled(
      () => 1,
      stallMs,
      () => this.server.platform.runnable(this.server.process.pid),
    );
  }

  /**
   * Bytes the named client sent (or has still to send) that the server's program has not read, where
   * the system shows it; undefined for a connection that is gone.
   */
  async unreadFrom(name: string): Promise<number | undefined> {
    const connection = this.#connections.find((candidate) => candidate.name === name);
    return connection === undefined ? undefined : this.#unreadByServer(connection);
  }

  async #unreadByServer(connection: Connection): Promise<number | undefined> {
    const localPort = connection.localPort;
    if (localPort === undefined) return undefined;
    const unread = await this.server.platform.unreadBytes(localPort, this.server.endpoint.port);
    return unread === undefined ? undefined : unread + connection.bytesUnsent;
  }

  note(text: string): void {
    this.log.add('#', 'note', { detail: text });
  }

  quietPeriodMs(): number {
    return this.knowledge.roundTrips.quietMs(quietFloorMs, this.settings.replyTimeoutMs);
  }

  async expectQuiet(...connections: Connection[]): Promise<void> {
    for (const connection of connections) this.log.add(connection.name, 'expect', { detail: 'nothing more' });
    const quietMs = this.quietPeriodMs();
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    for (const connection of connections) connection.expectStillQuiet(quietMs);
  }

  async connectOracle(name: string): Promise<Connection> {
    this.#signal.throwIfAborted();
    const oracle = this.#oracle;
    if (oracle === undefined) {
      throw new OracleError(
        'the test takes its expected behaviour from an oracle, and the suite names none: give the suite an `oracle` command, or --oracle',
      );
    }
    let server: RunningServer;
    try {
      server = await oracle.session.ensure(this.#signal);
    } catch (error) {
      if (this.#signal.aborted) throw error;
      throw new OracleError(`the oracle (${oracle.display}) did not start: ${asError(error).message}`, {
        cause: error,
      });
    }
    try {
      const connection = await openConnection(name, server.endpoint, this.#oracleLog, {
        connectTimeoutMs: this.settings.replyTimeoutMs,
        replyTimeoutMs: this.settings.replyTimeoutMs,
        maxBufferedBytes: this.settings.maxBufferedBytes,
        budget: this.#budget,
      });
      oracle.session.track(connection);
      this.#oracleConnections.push(connection);
      return connection;
    } catch (error) {
      throw this.oracleFailed(error);
    }
  }

  oracleFailed(error: unknown): Error {
    if (error instanceof OracleError || this.#signal.aborted) return asError(error);
    const display = this.#oracle?.display ?? 'oracle';
    return new OracleError(`the oracle (${display}) failed: ${asError(error).message}`, { cause: error });
  }

  /** Closes every connection of the run as a client would, once it passed. */
  async closeAll(): Promise<void> {
    for (const connection of this.#oracleConnections) connection.discard();
    await Promise.all(this.#connections.map((connection) => connection.close()));
  }

  /** Ends every pending read; used when the test's time is up. */
  abortAll(finding: Finding): void {
    for (const connection of [...this.#connections, ...this.#oracleConnections]) connection.abort(finding);
  }
}
