import { diffBytes, firstDifference } from '../checkers/byte-diff.js';
import { Finding } from '../checkers/finding.js';
import { formatBytes, formatSize } from '../checkers/format-bytes.js';
import type { Reader } from './reader.js';

/** How many bytes must match further along for a mismatch to read as bytes skipped. */
const probeBytes = 32;

/** Reads exactly `expected`, failing at the first byte that differs, at EOF, or when the peer resets. */
export class ExpectBytes implements Reader {
  readonly #conn: string;
  readonly #expected: Uint8Array;
  readonly #base: number;
  readonly #resolve: () => void;
  readonly #reject: (finding: Finding) => void;
  /** The stream's byte before these, or null. */
  readonly #before: number | null;
  #matched = 0;
  settled = false;

  constructor(
    conn: string,
    expected: Uint8Array,
    streamOffset: number,
    resolve: () => void,
    reject: (finding: Finding) => void,
    lastByte: number | null = null,
  ) {
    this.#conn = conn;
    this.#expected = expected;
    this.#base = streamOffset;
    this.#before = lastByte;
    this.#resolve = resolve;
    this.#reject = reject;
    if (expected.length === 0) this.#settle();
  }

  feed(chunk: Buffer): Buffer {
    const wanted = this.#expected.length - this.#matched;
    const take = Math.min(wanted, chunk.length);
    const got = chunk.subarray(0, take);
    const want = this.#expected.subarray(this.#matched, this.#matched + take);
    if (!got.equals(want)) {
      this.#mismatch(got, firstDifference(want, got));
      return chunk.subarray(take);
    }
    this.#matched += take;
    if (this.#matched === this.#expected.length) this.#settle();
    return chunk.subarray(take);
  }

  end(): void {
    // fail() adds what was expected and what arrived.
    this.fail(
      new Finding({
        kind: 'eof',
        conn: this.#conn,
        message: `${this.#conn} expected ${this.#describeExpected()} but the server closed the connection after ${this.#describeArrived()}`,
        outcome: `got ${this.#arrived()} then EOF`,
      }),
    );
  }

  fail(finding: Finding): void {
    if (this.settled) return;
    this.settled = true;
    const arrived = this.#expected.subarray(0, this.#matched);
    this.#reject(
      finding.details.expected === undefined
        ? finding.with({
            received: this.#matched,
            expected: formatBytes(this.#expected),
            actual: formatBytes(arrived),
            // Where the stream stopped, which some diagnoses need even when nothing arrived.
            diff: diffBytes(this.#expected, arrived, this.#base),
            owed: this.#expected.subarray(this.#matched),
            lastByte: this.#matched === 0 ? this.#before : this.#expected[this.#matched - 1],
          })
        : finding,
    );
  }

  timedOut(timeoutMs: number): Finding {
    const received = this.#matched === 0 ? 'nothing' : `only ${this.#arrived()}`;
    return new Finding({
      kind: 'timeout',
      conn: this.#conn,
      message: `${this.#conn} expected ${this.#describeExpected()} but received ${received}, then nothing more for ${timeoutMs} ms`,
      outcome: `got ${received}, then nothing for ${timeoutMs} ms`,
    });
  }

  #mismatch(got: Buffer, index: number): void {
    const actual = Buffer.concat([this.#expected.subarray(0, this.#matched), got]);
    const diff = diffBytes(this.#expected, actual, this.#base);
    const skipped = this.#skipped(got.subarray(index), this.#matched + index);
    this.settled = true;
    this.#reject(
      new Finding({
        kind: 'mismatch',
        conn: this.#conn,
        message:
          `${this.#conn} received a wrong byte at offset ${diff.offset} of its stream (${this.#describeExpected()} expected)` +
          (skipped === undefined
            ? ''
            : `: ${skipped.length === 1 ? '1 byte' : `${skipped.length} bytes`} from there never came, and what came next is what follows ${skipped.length === 1 ? 'it' : 'them'}`),
        ...(skipped !== undefined && { skipped }),
        // All this read took, as Received says it: the difference shows where it went wrong.
        outcome: `got ${formatBytes(actual)}`,
        expected: formatBytes(this.#expected),
        actual: formatBytes(actual),
        diff,
        received: this.#matched + index,
      }),
    );
  }

  /**
   * Whether what arrived from `at` on is the expected stream further along: bytes were skipped, not
   * changed. Looked for only where enough arrived to tell (random data does not repeat by chance).
   */
  #skipped(arrived: Buffer, at: number): { offset: number; length: number } | undefined {
    if (arrived.length < probeBytes) return undefined;
    const expected = Buffer.from(this.#expected.buffer, this.#expected.byteOffset, this.#expected.byteLength);
    const found = expected.indexOf(arrived.subarray(0, probeBytes), at + 1);
    return found === -1 ? undefined : { offset: this.#base + at, length: found - at };
  }

  #describeExpected(): string {
    return this.#expected.length <= 48 ? formatBytes(this.#expected) : formatSize(this.#expected.length);
  }

  #describeArrived(): string {
    return this.#matched === 0
      ? 'sending none of it'
      : `sending only ${this.#matched} of its bytes, ${this.#arrived()}`;
  }

  #arrived(): string {
    return formatBytes(this.#expected.subarray(0, this.#matched), 24);
  }

  #settle(): void {
    this.settled = true;
    this.#resolve();
  }
}
