import { Finding } from '../checkers/finding.js';
import { formatBytes } from '../checkers/format-bytes.js';
import type { Reader } from './reader.js';

/** Waits for the peer to close its sending side, with no further bytes before it. */
export class ExpectEof implements Reader {
  readonly #conn: string;
  readonly #resolve: () => void;
  readonly #reject: (finding: Finding) => void;
  /** The last byte that came before the close was awaited, or null. */
  readonly #before: number | null;
  settled = false;

  constructor(
    conn: string,
    resolve: () => void,
    reject: (finding: Finding) => void,
    lastByte: number | null = null,
  ) {
    this.#conn = conn;
    this.#before = lastByte;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  feed(chunk: Buffer): Buffer {
    this.fail(
      new Finding({
        kind: 'extra-bytes',
        conn: this.#conn,
        message: `${this.#conn} expected the server to close the connection, but it sent ${formatBytes(chunk)} more`,
        outcome: `got ${formatBytes(chunk, 24)} instead of EOF`,
        actual: formatBytes(chunk),
        lastByte: this.#before,
      }),
    );
    return Buffer.alloc(0);
  }

  end(): void {
    if (this.settled) return;
    this.settled = true;
    this.#resolve();
  }

  fail(finding: Finding): void {
    if (this.settled) return;
    this.settled = true;
    this.#reject(finding);
  }

  timedOut(timeoutMs: number): Finding {
    return new Finding({
      kind: 'not-closed',
      conn: this.#conn,
      message: `${this.#conn} expected the server to close the connection, but it stayed open for ${timeoutMs} ms`,
      outcome: `still open after ${timeoutMs} ms`,
    });
  }
}
