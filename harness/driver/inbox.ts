import { Finding } from '../checkers/finding.js';
import { formatBytes, formatSize } from '../checkers/format-bytes.js';
import type { Reader } from './reader.js';
import type { ReceiveBudget } from './receive-budget.js';

export interface InboxOptions {
  readonly name: string;
  readonly replyTimeoutMs: number;
  readonly maxBufferedBytes: number;
  /** Shared by the connections of a run: unasked bytes they may hold together. */
  readonly budget?: ReceiveBudget;
  /** Called once when unread bytes pass the limit: the socket should stop reading. */
  readonly onFlood: () => void;
  /** Called with what arrived instead, when a read fails. */
  readonly onFail: (finding: Finding) => void;
  /** Told how long a pending read waited for each chunk that reached it: how long this server makes a client wait. */
  readonly onWait?: (ms: number) => void;
  /**
   * Asked when a read's wait runs out with nothing new: whether the machine's load is holding the
   * server back right now. While it is, the wait goes on, up to `loadedWaits` times as long.
   */
  readonly heldBack?: () => Promise<boolean>;
}

/** How many times its wait a read waits at most for a server that the machine's load holds back. */
const loadedWaits = 4;

/**
 * Runs `then` once the I/O that is already waiting has been handled. After a stall of the event loop,
 * timers run before I/O: without this, a reply that arrived in time would be reported as missing.
 */
export function afterPendingIo(then: () => void): void {
  setImmediate(then);
}

export type ReaderFactory<T> = (
  resolve: (value: T) => void,
  reject: (finding: Finding) => void,
  streamOffset: number,
  /** The stream's byte just before `streamOffset`: the last one an earlier read took, or null. */
  lastByte: number | null,
) => Reader;

/**
 * The receiving side of a connection: bytes that arrived, bounded, and the reads waiting for them.
 * Reads run one at a time, in the order they were asked for; each gets its own deadline when it
 * starts, renewed by every byte that arrives.
 */
export class Inbox {
  readonly #options: InboxOptions;
  #buffer: Buffer[] = [];
  #buffered = 0;
  #reader: Reader | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #waiting: (() => void)[] = [];
  #consumed = 0;
  /** The last byte a read took, or null before any. */
  #lastByte: number | null = null;
  /** Counts the chunks handed to a pending read, so a deadline can tell whether any came. */
  #progress = 0;
  /** Since when the pending read has waited for its next chunk. */
  #waitingSince = 0;
  /** Times the pending read's wait for its next chunk went on because the server was held back. */
  #extended = 0;
  #ended = false;
  /** Why no more bytes will come: a reset, a flood, or the test's own close. */
  #stopped: Finding | undefined;

  constructor(options: InboxOptions) {
    this.#options = options;
  }

  /** Bytes received and not yet read. */
  get buffered(): number {
    return this.#buffered;
  }

  get ended(): boolean {
    return this.#ended;
  }

  peek(): Buffer {
    return Buffer.concat(this.#buffer);
  }

  push(chunk: Buffer): void {
    // Once stopped, no read will take these bytes; the socket may go on reading until it is closed.
    if (this.#stopped !== undefined) return;
    let rest = chunk;
    if (this.#reader !== undefined) {
      this.#progress += 1;
      this.#timer?.refresh();
      const now = performance.now();
      this.#options.onWait?.(now - this.#waitingSince);
      this.#waitingSince = now;
      this.#extended = 0;
      rest = this.#take(this.#reader, chunk);
    }
    if (rest.length === 0) return;
    this.#buffer.push(rest);
    this.#buffered += rest.length;
    const withinBudget = this.#options.budget?.take(rest.length) ?? true;
    if (this.#buffered > this.#options.maxBufferedBytes || !withinBudget) {
      const limit = formatSize(this.#options.maxBufferedBytes);
      const shared = this.#options.budget === undefined ? '' : formatSize(this.#options.budget.limit);
      this.#stopped = new Finding({
        kind: 'flood',
        conn: this.#options.name,
        message: withinBudget
          ? `the server sent ${this.#options.name} more than was asked for: over ${limit} that no read of the test was waiting for`
          : `the server sent more than was asked for: over ${shared} in all, on ${this.#options.name} and the test's other connections, that no read was waiting for`,
        outcome: `got over ${limit} unasked for`,
        actual: formatBytes(this.#buffer[0] ?? Buffer.alloc(0)),
      });
      this.#options.onFlood();
    }
  }

  /** The peer closed its sending side. */
  end(): void {
    this.#ended = true;
    if (this.#reader !== undefined && this.#buffered === 0) this.#reader.end();
  }

  /** Nothing more will arrive, for this reason: the pending read and every later one fail with it. */
  stop(finding: Finding): void {
    this.#stopped ??= finding;
    this.#reader?.fail(finding);
  }

  read<T>(make: ReaderFactory<T>, timeoutMs = this.#options.replyTimeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        const reader = make(
          (value) => {
            this.#settled();
            resolve(value);
          },
          (finding) => {
            this.#settled();
            this.#options.onFail(finding);
            reject(finding);
          },
          this.#consumed,
          this.#lastByte,
        );
        // An empty expectation is met at once, before it could become the pending read.
        if (reader.settled) return;
        this.#reader = reader;
        // A flood came first: the bytes it left are not a reply to judge.
        if (this.#stopped?.details.kind === 'flood') return reader.fail(this.#stopped);
        this.#drainInto(reader);
        if (reader.settled) return;
        if (this.#stopped !== undefined) return reader.fail(this.#stopped);
        if (this.#ended) return reader.end();
        this.#waitingSince = performance.now();
        this.#extended = 0;
        this.#timer = setTimeout(() => this.#waitRanOut(reader, timeoutMs), timeoutMs);
      };
      if (this.#reader === undefined && this.#waiting.length === 0) start();
      else this.#waiting.push(start);
    });
  }

  /**
   * The pending read's wait ran out: it fails, unless bytes that came meanwhile renewed it, or the
   * server is held back by the machine's load (then it waits once more, within `loadedWaits` waits):
   * how long a reply may take must not depend on what else the machine is doing.
   */
  #waitRanOut(reader: Reader, timeoutMs: number): void {
    const progress = this.#progress;
    const answered = (): boolean => this.#progress !== progress || reader.settled;
    afterPendingIo(() => {
      // Bytes handled since the timer fired renewed the deadline: the server did answer in time.
      if (answered()) return;
      const heldBack = this.#options.heldBack;
      if (heldBack === undefined || this.#extended >= loadedWaits - 1) {
        reader.fail(reader.timedOut(timeoutMs));
        return;
      }
      void heldBack()
        .catch(() => false)
        .then((held) => {
          if (answered()) return;
          if (held) {
            this.#extended += 1;
            this.#timer?.refresh();
          } else reader.fail(reader.timedOut(timeoutMs));
        });
    });
  }

  #settled(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#reader = undefined;
    // The next read starts once the current chunk's remainder is back in the buffer, so order is kept.
    queueMicrotask(() => {
      if (this.#reader === undefined) this.#waiting.shift()?.();
    });
  }

  #drainInto(reader: Reader): void {
    while (this.#buffer.length > 0 && !reader.settled) {
      const chunk = this.#buffer.shift() as Buffer;
      this.#buffered -= chunk.length;
      const rest = this.#take(reader, chunk);
      this.#options.budget?.give(chunk.length - rest.length);
      if (rest.length > 0) {
        this.#buffer.unshift(rest);
        this.#buffered += rest.length;
      }
    }
  }

  #take(reader: Reader, chunk: Buffer): Buffer {
    const rest = reader.feed(chunk);
    const taken = chunk.length - rest.length;
    this.#consumed += taken;
    if (taken > 0) this.#lastByte = chunk[taken - 1] as number;
    return rest;
  }
}
