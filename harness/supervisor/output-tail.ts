/** Keeps the last `limit` bytes of a stream, so a chatty server cannot exhaust memory. */
export class OutputTail {
  readonly #limit: number;
  #chunks: Buffer[] = [];
  #size = 0;
  #total = 0;

  constructor(limit = 64 * 1024) {
    this.#limit = limit;
  }

  #listeners = new Set<() => void>();

  /** Calls `listener` once, at the next output. */
  onceOutput(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  push(chunk: Buffer): void {
    this.#total += chunk.length;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size - (this.#chunks[0]?.length ?? 0) >= this.#limit) {
      this.#size -= (this.#chunks.shift() as Buffer).length;
    }
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) listener();
  }

  /** The kept tail as text; invalid UTF-8 shows as U+FFFD. */
  text(): string {
    const joined = Buffer.concat(this.#chunks);
    return joined.subarray(Math.max(0, joined.length - this.#limit)).toString('utf8');
  }

  /** Bytes seen in all, kept or not. */
  get total(): number {
    return this.#total;
  }

  /** Whether bytes were dropped from the front. */
  get truncated(): boolean {
    return this.#total > this.#limit;
  }
}
