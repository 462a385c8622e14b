import { Finding } from '../checkers/finding.js';
import { formatBytes } from '../checkers/format-bytes.js';
import type { Reader } from './reader.js';

/** Reads up to and including the next LF; resolves with the line's bytes without the LF. */
export class ReadLine implements Reader {
  readonly #conn: string;
  readonly #maxLength: number;
  readonly #resolve: (line: Buffer) => void;
  readonly #reject: (finding: Finding) => void;
  readonly #parts: Buffer[] = [];
  #length = 0;
  readonly #wanted: string;
  settled = false;

  /** `wanted` says, in a failure message, what the line was to be ("a line" when nothing better is known). */
  constructor(
    conn: string,
    maxLength: number,
    resolve: (line: Buffer) => void,
    reject: (finding: Finding) => void,
    wanted = 'a line',
  ) {
    this.#wanted = wanted;
    this.#conn = conn;
    this.#maxLength = maxLength;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  feed(chunk: Buffer): Buffer {
    const newline = chunk.indexOf(0x0a);
    const take = newline === -1 ? chunk : chunk.subarray(0, newline);
    this.#parts.push(take);
    this.#length += take.length;
    // The limit holds however the line was split into chunks.
    if (this.#length > this.#maxLength) {
      this.fail(
        new Finding({
          kind: 'flood',
          conn: this.#conn,
          message: `${this.#conn} received a line longer than ${this.#maxLength} bytes`,
          outcome: `got a line of more than ${this.#maxLength} bytes`,
          actual: formatBytes(Buffer.concat(this.#parts)),
        }),
      );
      return newline === -1 ? Buffer.alloc(0) : chunk.subarray(newline + 1);
    }
    if (newline !== -1) {
      this.settled = true;
      this.#resolve(Buffer.concat(this.#parts));
      return chunk.subarray(newline + 1);
    }
    return Buffer.alloc(0);
  }

  end(): void {
    const partial = Buffer.concat(this.#parts);
    this.fail(
      new Finding({
        kind: 'eof',
        conn: this.#conn,
        message:
          partial.length === 0
            ? `${this.#conn} expected ${this.#wanted} but the server closed the connection`
            : `${this.#conn} expected ${this.#wanted} but the server closed the connection after ${formatBytes(partial)} with no LF`,
        outcome: partial.length === 0 ? 'got EOF' : `got ${formatBytes(partial, 24)} then EOF`,
        ...(partial.length > 0 && { actual: formatBytes(partial) }),
      }),
    );
  }

  fail(finding: Finding): void {
    if (this.settled) return;
    this.settled = true;
    this.#reject(finding);
  }

  timedOut(timeoutMs: number): Finding {
    const received =
      this.#length === 0 ? 'nothing' : `${formatBytes(Buffer.concat(this.#parts), 24)} with no LF`;
    return new Finding({
      kind: 'timeout',
      conn: this.#conn,
      message: `${this.#conn} expected ${this.#wanted} but received ${received}, then nothing more for ${timeoutMs} ms`,
      outcome: `got ${received}, then nothing for ${timeoutMs} ms`,
    });
  }
}
