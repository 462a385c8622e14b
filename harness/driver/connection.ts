import type { Socket } from 'node:net';
import type { Finding } from '../checkers/finding.js';
import { closedByTest, extraBytes, undueBytes, isReset, socketFailed } from './connection-findings.js';
import type { EventLog } from './event-log.js';
import { ExpectBytes } from './expect-bytes.js';
import { ExpectEof } from './expect-eof.js';
import { Inbox } from './inbox.js';
import type { ReceiveBudget } from './receive-budget.js';
import { ReadLine } from './read-line.js';
import { drainedOrStalled } from './drained-or-stalled.js';

export interface ConnectionLimits {
  /** How long a read may wait without a single new byte arriving. */
  readonly replyTimeoutMs: number;
  /** Bytes kept unread before the server counts as flooding. */
  readonly maxBufferedBytes: number;
  /** Unasked bytes all the connections of a run may hold together. */
  readonly budget?: ReceiveBudget;
  /** Told how long each read waited for each chunk of its reply. */
  readonly onWait?: (ms: number) => void;
  /** Whether the machine's load holds the server back right now: a read's wait then goes on (see Inbox). */
  readonly heldBack?: () => Promise<boolean>;
}

export type ConnectionState = 'open' | 'eof' | 'reset' | 'closed';

interface ReadOptions {
  readonly timeoutMs?: number;
}

/**
 * A client connection to the server under test: byte-exact reads with deadlines, a bounded receive
 * buffer, half-close and abortive close, and an event log of everything done and seen.
 */
export class Connection {
  readonly name: string;
  readonly #socket: Socket;
  readonly #log: EventLog;
  readonly #limits: ConnectionLimits;
  readonly #inbox: Inbox;
  #received = 0;
  #written = 0;
  #reset = false;
  #closedByUs = false;
  #closed = false;
  readonly #closedPromise: Promise<void>;
  readonly #endedPromise: Promise<void>;

  constructor(name: string, socket: Socket, log: EventLog, limits: ConnectionLimits) {
    this.name = name;
    this.#socket = socket;
    this.#log = log;
    this.#limits = limits;
    this.#inbox = new Inbox({
      name,
      replyTimeoutMs: limits.replyTimeoutMs,
      maxBufferedBytes: limits.maxBufferedBytes,
      ...(limits.budget !== undefined && { budget: limits.budget }),
      ...(limits.onWait !== undefined && { onWait: limits.onWait }),
      ...(limits.heldBack !== undefined && { heldBack: limits.heldBack }),
      onFlood: () => {
        // Stop reading: TCP flow control now holds the server back, and memory stays bounded.
        socket.pause();
        log.add(name, 'pause', { detail: 'receive buffer full' });
      },
      onFail: (finding) => log.add(name, 'fail', { detail: finding.details.outcome ?? finding.message }),
    });
    this.#closedPromise = new Promise((resolve) => socket.once('close', () => resolve()));
    this.#endedPromise = new Promise((resolve) => {
      for (const event of ['end', 'error', 'close']) socket.once(event, () => resolve());
    });
    socket.on('data', (chunk: Buffer) => {
      this.#received += chunk.length;
      log.add(name, 'read', { bytes: chunk });
      this.#inbox.push(chunk);
    });
    socket.on('end', () => {
      log.add(name, 'eof');
      this.#inbox.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.#onError(error));
    socket.on('close', () => {
      this.#closed = true;
    });
  }

  get state(): ConnectionState {
    if (this.#reset) return 'reset';
    if (this.#closed) return 'closed';
    return this.#inbox.ended ? 'eof' : 'open';
  }

  /** Resolves when the server ends the connection (EOF, a reset) or it closes: its state then says how. */
  ended(): Promise<void> {
    return this.#endedPromise;
  }

  /** Bytes received so far, read or not. */
  get bytesReceived(): number {
    return this.#received;
  }

  /** Bytes handed to the socket so far; a write after the connection closed sends nothing. */
  get bytesWritten(): number {
    return this.#written;
  }

  /** Bytes received and not yet read. */
  get bytesBuffered(): number {
    return this.#inbox.buffered;
  }

  /** The local port: the client port the server sees for this connection. */
  get localPort(): number | undefined {
    return this.#socket.localPort;
  }

  /**
   * Sends bytes. `as` says how scripts show them: as a line (`c1.send(...)`), or not at all for a
   * barrier, a step of the harness's own that the transcript still records.
   */
  write(data: Uint8Array | string, as?: 'line' | 'crlf-line' | 'barrier'): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const unsent = this.#socket.destroyed
      ? 'not sent: the connection is closed'
      : this.#socket.writableEnded
        ? 'not sent: the sending side was shut down'
        : undefined;
    // The transcript keeps the step the test took, and says that nothing went out.
    const detail = unsent ?? as;
    this.#log.add(this.name, 'write', { bytes, ...(detail !== undefined && { detail }) });
    if (unsent !== undefined) return;
    this.#written += bytes.length;
    this.#socket.write(bytes);
  }

  /** Sends one line: its bytes and then LF (or CRLF); scripts show it as `c1.send("...")`. */
  send(line: Uint8Array | string, ending: '\n' | '\r\n' = '\n'): void {
    const bytes = typeof line === 'string' ? Buffer.from(line) : line;
    this.write(Buffer.concat([bytes, Buffer.from(ending)]), ending === '\n' ? 'line' : 'crlf-line');
  }

  /**
   * Waits until everything written has been handed to the kernel, or until the server has taken
   * nothing for `stallMs` (a server that stops reading while its replies go unread is not wrong).
   * Resolves with whether everything was sent.
   */
  sentOrStalled(stallMs = 50): Promise<boolean> {
    return drainedOrStalled(() => {
      const unsent = this.bytesUnsent;
      // A destroyed socket sends nothing more: what it still holds is never sent.
      return unsent > 0 && this.#socket.destroyed ? undefined : unsent;
    }, stallMs);
  }

  /**
   * Bytes written but not yet taken by the kernel. Node hands a large write to libuv whole, so only
   * the handle's queue shows it draining (Node's own socket timeouts read the same field).
   */
  get bytesUnsent(): number {
    const handle = (this.#socket as unknown as { _handle?: { writeQueueSize?: number } })._handle;
    return this.#socket.writableLength + (handle?.writeQueueSize ?? 0);
  }

  /** Half-close: shuts down the sending side; reading goes on. */
  end(): void {
    this.#log.add(this.name, 'end');
    this.#socket.end();
  }

  /** Abortive close: the server sees a reset (RST), not an orderly close. */
  reset(): void {
    if (this.#socket.destroyed) return;
    this.#log.add(this.name, 'reset', { detail: 'by client' });
    this.#closeByUs();
    this.#socket.resetAndDestroy();
  }

  /** Orderly close, as a client's close() does: what was written is still sent, then FIN. */
  async close(timeoutMs = this.#limits.replyTimeoutMs): Promise<void> {
    if (this.#closed) return;
    if (!this.#closedByUs) this.#log.add(this.name, 'close');
    this.#closeByUs();
    if (!this.#socket.destroyed) this.#socket.end(() => this.#socket.destroy());
    const timer = setTimeout(() => this.#socket.resetAndDestroy(), timeoutMs);
    await this.#closedPromise;
    clearTimeout(timer);
  }

  /** Stops reading: the server's data stays in the kernel buffers and TCP flow control holds it back. */
  pause(): void {
    this.#log.add(this.name, 'pause');
    this.#socket.pause();
  }

  resume(): void {
    this.#log.add(this.name, 'resume');
    this.#socket.resume();
  }

  /** Reads exactly `expected`; fails fast on the first wrong byte, at EOF, on reset and on the deadline. */
  expect(expected: Uint8Array | string, options: ReadOptions = {}): Promise<void> {
    const bytes = typeof expected === 'string' ? Buffer.from(expected) : expected;
    this.#log.add(this.name, 'expect', { bytes });
    return this.#inbox.read<void>(
      (resolve, reject, offset, lastByte) =>
        new ExpectBytes(this.name, bytes, offset, resolve, reject, lastByte),
      options.timeoutMs,
    );
  }

  /** Waits for the server to close its side of the connection, with nothing more sent first. */
  expectEof(options: ReadOptions = {}): Promise<void> {
    this.#log.add(this.name, 'expect', { detail: 'EOF' });
    return this.#inbox.read<void>(
      (resolve, reject, _offset, lastByte) => new ExpectEof(this.name, resolve, reject, lastByte),
      options.timeoutMs,
    );
  }

  /**
   * Reads the next line; resolves with its bytes without the LF. `expecting` says in the script what
   * the line should be (default "a line"); false leaves the read out of the log.
   */
  readLine(
    options: ReadOptions & { maxLength?: number; expecting?: string | false; wanted?: string } = {},
  ): Promise<Buffer> {
    if (options.expecting !== false) {
      this.#log.add(this.name, 'expect', { detail: options.expecting ?? 'a line' });
    }
    return this.#inbox.read<Buffer>(
      (resolve, reject) =>
        new ReadLine(
          this.name,
          options.maxLength ?? 1 << 20,
          resolve,
          reject,
          options.wanted ?? (typeof options.expecting === 'string' ? options.expecting : undefined),
        ),
      options.timeoutMs,
    );
  }

  /** The bytes received and not yet read, left in place. */
  peekBuffered(): Buffer {
    return this.#inbox.peek();
  }

  /** Fails if bytes arrived that no read has asked for: a server sending what it should not. */
  expectNothingBuffered(): void {
    if (this.#inbox.buffered > 0) throw extraBytes(this.name, this.#inbox.peek());
  }

  /** Fails if bytes arrived that no read has asked for, after `quietMs` of silence the protocol called for. */
  expectStillQuiet(quietMs: number): void {
    if (this.#inbox.buffered > 0) throw undueBytes(this.name, this.#inbox.peek(), quietMs);
  }

  /** Resets the connection as cleanup, not as a step of the test: nothing is logged. */
  discard(): void {
    this.#closedByUs = true;
    if (!this.#socket.destroyed) this.#socket.resetAndDestroy();
  }

  /** Ends a pending read from outside: the test's time is up or the run was stopped. */
  abort(finding: Finding): void {
    this.#closedByUs = true;
    this.#inbox.stop(finding);
    if (!this.#socket.destroyed) this.#socket.resetAndDestroy();
  }

  #closeByUs(): void {
    this.#closedByUs = true;
    this.#inbox.stop(closedByTest(this.name));
  }

  #onError(error: NodeJS.ErrnoException): void {
    const reset = isReset(error);
    this.#reset ||= reset;
    this.#log.add(this.name, reset ? 'reset' : 'close', {
      detail: `by server (${error.code ?? error.message})`,
    });
    this.#inbox.stop(socketFailed(this.name, error));
  }
}
