import type { Finding } from '../checkers/finding.js';

/**
 * One pending read on a connection. The connection feeds it bytes as they arrive and tells it
 * when the peer closed, reset, or when time ran out; the reader settles its own promise.
 */
export interface Reader {
  /** Takes what it needs from `chunk` and returns the rest (empty when it took everything). */
  feed(chunk: Buffer): Buffer;
  /** The peer closed its sending side: no more bytes will come. */
  end(): void;
  /** The read cannot finish: reset, flood, deadline, abort. */
  fail(finding: Finding): void;
  /** The finding for when nothing more arrived in time. */
  timedOut(timeoutMs: number): Finding;
  readonly settled: boolean;
}
