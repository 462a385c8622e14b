import { utf8Text } from '../../harness/api/conform.js';
import { seedAt } from './text-bytes.js';

/** Where a line came from: its sender and its place among that sender's lines (1, 2, ...). */
export interface LineOrigin {
  readonly sender: string;
  readonly number: number;
}

/**
 * Every line the clients of a run send, each unique and named by its sender and number
 * (`alice#3 <text>`), so a receiver can tell a line that is missing, repeated, late or mixed. The
 * text is UTF-8 from all of Unicode, so writes split inside characters too.
 */
export class Ledger {
  readonly #seed: number;
  readonly #bySender = new Map<string, Buffer[]>();
  readonly #origins = new Map<string, LineOrigin>();

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** A new line for `sender` (without LF), `size` bytes long at least as long as its tag. */
  next(sender: string, size = 32): Buffer {
    const lines = this.#bySender.get(sender) ?? [];
    const number = lines.length + 1;
    const tag = Buffer.from(`${sender}#${number} `);
    const body = utf8Text(Math.max(0, size - tag.length), seedAt(this.#seed, this.#origins.size));
    const line = Buffer.concat([tag, body]);
    lines.push(line);
    this.#bySender.set(sender, lines);
    this.#origins.set(line.toString('latin1'), { sender, number });
    return line;
  }

  /** A line of `sender`'s with chosen text after its tag; an empty text makes an empty line. */
  exact(sender: string, text: string): Buffer {
    const lines = this.#bySender.get(sender) ?? [];
    const line = text === '' ? Buffer.alloc(0) : Buffer.from(`${sender}#${lines.length + 1}${text}`);
    lines.push(line);
    this.#bySender.set(sender, lines);
    this.#origins.set(line.toString('latin1'), { sender, number: lines.length });
    return line;
  }

  /** Who sent this line, if any client sent exactly it. */
  originOf(line: Uint8Array): LineOrigin | undefined {
    return this.#origins.get(Buffer.from(line).toString('latin1'));
  }

  /** Every line sent so far. */
  sentLines(): Buffer[] {
    return [...this.#bySender.values()].flat();
  }

  /** The tag a line starts with, or a short form of the line if it has none. */
  static tagOf(line: Uint8Array): string {
    const text = Buffer.from(line).subarray(0, 40).toString('latin1');
    const match = /^([A-Za-z0-9_-]+#\d+)( |$)/.exec(text);
    return match?.[1] ?? JSON.stringify(text);
  }
}
