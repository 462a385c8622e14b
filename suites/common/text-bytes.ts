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
  return pseudoRandom(size, seed, alphabet);
}

let large: { seed: number; bytes: Buffer } | undefined;

/**
 * Like textBytes for the multi-MiB payloads, made once per seed and shared (tests only send them):
 * generating 16 MiB takes a tenth of a second.
 */
export function largeTextBytes(size: number, seed: number): Buffer {
  if (large === undefined || large.seed !== seed || large.bytes.length < size) {
    large = { seed, bytes: pseudoRandom(Math.max(size, 16 * 1024 * 1024), seed, alphabet) };
  }
  return large.bytes.subarray(0, size);
}

/** Like textBytes, without LF: the inside of one line. */
export function lineBytes(size: number, seed: number): Buffer {
  return pseudoRandom(size, seed, lineOnly);
}

/** xorshift128, four bytes a step, mapped onto the alphabet: fast, and the same for the same seed. */
function pseudoRandom(size: number, seed: number, alphabet: Buffer): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  let a = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let b = 0x243f6a88;
  let c = 0x85a308d3;
  let d = 0x13198a2e;
  for (let index = 0; index < words.length; index += 1) {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    words[index] = d;
  }
  const bytes = Buffer.from(words.buffer, 0, size);
  const table = lookupTable(alphabet);
  for (let index = 0; index < size; index += 1) bytes[index] = table[bytes[index] as number] as number;
  return bytes;
}

const tables = new Map<Buffer, Uint8Array>();

/** Maps each byte value to a character of the alphabet. */
function lookupTable(alphabet: Buffer): Uint8Array {
  let table = tables.get(alphabet);
  if (table === undefined) {
    table = Uint8Array.from({ length: 256 }, (_, byte) => alphabet[byte % alphabet.length] as number);
    tables.set(alphabet, table);
  }
  return table;
}

/** A deterministic sequence of seeds from one: seedAt(seed, 0), seedAt(seed, 1), ... */
export function seedAt(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(index + 1, 0x165667b1)) >>> 0;
}
