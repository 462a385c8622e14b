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

/** Like textBytes, without LF: the inside of one line. */
export function lineBytes(size: number, seed: number): Buffer {
  return pseudoRandom(size, seed, lineOnly);
}

function pseudoRandom(size: number, seed: number, alphabet: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let state = (seed ^ 0x9e3779b9) >>> 0 || 1;
  for (let index = 0; index < size; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[index] = alphabet[state % alphabet.length] as number;
  }
  return bytes;
}

/** A deterministic sequence of seeds from one: seedAt(seed, 0), seedAt(seed, 1), ... */
export function seedAt(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(index + 1, 0x165667b1)) >>> 0;
}
