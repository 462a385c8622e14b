const lineAlphabet =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?-_/()[]{}<>=+*#@$%&';
const alphabet = Buffer.from(`${lineAlphabet}\n`);
const lineOnly = Buffer.from(lineAlphabet);

/**
 * `size` bytes of printable text, the same for the same seed, varied enough that lost, duplicated or
 * reordered stretches show up as a mismatch. Text (no NUL, valid UTF-8) keeps tests that are not about
 * binary data from failing for binary-data bugs.
 */
export function textBytes(size: number, seed: number): Buffer {
  return endMidLine(pseudoRandom(size, seed, alphabet));
}

const lf = 0x0a;

/**
 * The text with its last byte not a newline: text that ends mid-line shows a server that waits for
 * one (an echo that stops at the last newline) where one that ends a line would pass.
 */
function endMidLine(text: Buffer): Buffer {
  if (text.at(-1) === lf) text[text.length - 1] = lineOnly[0] as number;
  return text;
}

let large: { seed: number; bytes: Buffer } | undefined;

/**
 * Like textBytes (ending mid-line) for the multi-MiB payloads, made once per seed and shared (tests only send them):
 * generating 16 MiB takes a tenth of a second.
 */
export function largeTextBytes(size: number, seed: number): Buffer {
  if (large === undefined || large.seed !== seed || large.bytes.length < size) {
    large = { seed, bytes: pseudoRandom(Math.max(size, 16 * 1024 * 1024), seed, alphabet) };
  }
  const bytes = large.bytes.subarray(0, size);
  // A copy where it would end a line, as textBytes ends mid-line: the shared bytes stay as they are.
  return bytes.at(-1) === lf ? endMidLine(Buffer.from(bytes)) : bytes;
}

/** Like textBytes, without LF: the inside of one line. */
export function lineBytes(size: number, seed: number): Buffer {
  return pseudoRandom(size, seed, lineOnly);
}

/**
 * xorshift128, four bytes a step, each half-word mapped onto two characters of the alphabet at once:
 * fast, and the same for the same seed.
 */
function pseudoRandom(size: number, seed: number, alphabet: Buffer): Buffer {
  const steps = Math.ceil(size / 4);
  const halves = new Uint16Array(steps * 2);
  const table = pairTable(alphabet);
  // Kept as signed 32-bit integers (| 0), which the engine holds unboxed; the bits are the same.
  let a = (seed ^ 0x9e3779b9) | 0 || 1;
  let b = 0x243f6a88 | 0;
  let c = 0x85a308d3 | 0;
  let d = 0x13198a2e | 0;
  for (let index = 0; index < steps; index += 1) {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = d ^ (d >>> 19) ^ (t ^ (t >>> 8));
    halves[index * 2] = table[d & 0xffff] as number;
    halves[index * 2 + 1] = table[d >>> 16] as number;
  }
  return Buffer.from(halves.buffer, 0, size);
}

const tables = new Map<Buffer, Uint16Array>();

/**
 * Maps each 16-bit value, as two bytes in memory order, to two characters of the alphabet (each byte
 * value to the character at its index, modulo the alphabet's length).
 */
function pairTable(alphabet: Buffer): Uint16Array {
  let table = tables.get(alphabet);
  if (table === undefined) {
    const bytes = new Uint8Array(65536 * 2);
    for (let value = 0; value < 65536; value += 1) {
      bytes[value * 2] = alphabet[(value & 0xff) % alphabet.length] as number;
      bytes[value * 2 + 1] = alphabet[(value >>> 8) % alphabet.length] as number;
    }
    table = new Uint16Array(bytes.buffer);
    tables.set(alphabet, table);
  }
  return table;
}

/** A deterministic sequence of seeds from one: seedAt(seed, 0), seedAt(seed, 1), ... */
export function seedAt(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(index + 1, 0x165667b1)) >>> 0;
}
