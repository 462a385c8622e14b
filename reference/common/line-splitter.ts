const lf = 0x0a;

/**
 * Cuts a byte stream into LF-ended lines, however it was split into chunks. Keeps the bytes after the
 * last LF for the next chunk; a partial line is never returned.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingLength = 0;

  /** The complete lines in `chunk` (with what came before it), each without its LF. */
  push(chunk: Buffer): Buffer[] {
    const lines: Buffer[] = [];
    let start = 0;
    for (let index = chunk.indexOf(lf); index !== -1; index = chunk.indexOf(lf, start)) {
      const piece = chunk.subarray(start, index);
      lines.push(this.#pendingLength === 0 ? piece : Buffer.concat([...this.#pending, piece]));
      this.#pending = [];
      this.#pendingLength = 0;
      start = index + 1;
    }
    if (start < chunk.length) {
      this.#pending.push(chunk.subarray(start));
      this.#pendingLength += chunk.length - start;
    }
    return lines;
  }

  /** Bytes received since the last LF. */
  get pendingLength(): number {
    return this.#pendingLength;
  }

  /** The last byte received since the last LF, if any. */
  get lastPendingByte(): number | undefined {
    return this.#pending.at(-1)?.at(-1);
  }
}
