/**
 * Bytes received that no read was waiting for, counted across every connection of a run: however
 * many clients a test opens, what a flooding server can make conform hold stays under one bound.
 */
export class ReceiveBudget {
  readonly limit: number;
  #held = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Counts `bytes` more; false once the run holds more than its limit. */
  take(bytes: number): boolean {
    this.#held += bytes;
    return this.#held <= this.limit;
  }

  /** Bytes a read has taken: no longer held unasked. */
  give(bytes: number): void {
    this.#held -= bytes;
  }
}
