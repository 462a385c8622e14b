const ascii = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?-_/()[]{}<>=+*#@$%&';

/** The code points of each UTF-8 length, as [first, last]: the C1 controls and surrogates left out. */
const ranges: Readonly<Record<2 | 3 | 4, readonly [number, number]>> = {
  2: [0xa1, 0x7ff],
  3: [0x800, 0xfffc],
  4: [0x10000, 0x10fffd],
};

/** A character shown as itself in reports, that no library takes for a line end or a byte order mark. */
const visible = /^[\p{L}\p{N}\p{P}\p{S}]$/u;
const lineEnds = new Set([0x2028, 0x2029, 0xfeff, 0xfffd]);

/** A small deterministic generator (mulberry32): the same text for the same seed. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A printable character that UTF-8 encodes in `length` bytes, anywhere in the range of that length. */
export function characterOf(length: 2 | 3 | 4, random: () => number): string {
  const [first, last] = ranges[length];
  for (;;) {
    const point = first + Math.floor(random() * (last - first + 1));
    if (point >= 0xd800 && point <= 0xdfff) continue;
    if (lineEnds.has(point)) continue;
    const character = String.fromCodePoint(point);
    if (visible.test(character)) return character;
  }
}

/**
 * `size` bytes of UTF-8 text for the inside of a line: printable ASCII mixed with characters of two,
 * three and four bytes from all of Unicode, so a write split anywhere often splits a character.
 * Never a control character, so never a line end.
 */
export function utf8Text(size: number, seed: number): Buffer {
  const random = randomSource(seed);
  const parts: string[] = [];
  let left = size;
  while (left > 0) {
    const length = random() < 0.5 ? 1 : ((2 + Math.floor(random() * 3)) as 2 | 3 | 4);
    if (length === 1 || length > left) {
      parts.push(ascii[Math.floor(random() * ascii.length)] as string);
      left -= 1;
    } else {
      parts.push(characterOf(length, random));
      left -= length;
    }
  }
  return Buffer.from(parts.join(''));
}

/** Where each character of valid UTF-8 starts and how long it is, for splitting writes inside them. */
export function characterStarts(bytes: Uint8Array): { readonly at: number; readonly length: number }[] {
  const starts: { at: number; length: number }[] = [];
  for (let at = 0; at < bytes.length;) {
    const lead = bytes[at] as number;
    const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    starts.push({ at, length });
    at += length;
  }
  return starts;
}

/**
 * The byte offsets inside multi-byte characters (after a character's first byte, before its last),
 * where a write that ends splits the character between two reads.
 */
export function insideCharacters(bytes: Uint8Array): number[] {
  return characterStarts(bytes).flatMap(({ at, length }) =>
    Array.from({ length: length - 1 }, (_, index) => at + 1 + index),
  );
}

/**
 * Where to cut `bytes` (0 < cut < length) for a choice `n`: every other choice inside a multi-byte
 * character where the bytes have one, the others anywhere.
 */
export function cutAt(bytes: Uint8Array, n: number): number {
  const inside = insideCharacters(bytes);
  if (inside.length > 0 && n % 2 === 0) return inside[(n >>> 1) % inside.length] as number;
  return 1 + (n % (bytes.length - 1));
}

/**
 * Text with at least one character of each UTF-8 length, its multi-byte characters each cut inside
 * by the writes it is split into, each at a different offset: the pieces, in order.
 */
export function splitInsideCharacters(bytes: Uint8Array): Buffer[] {
  const cuts = characterStarts(bytes)
    .filter(({ length }) => length > 1)
    .map(({ at, length }, index) => at + 1 + (index % (length - 1)));
  const edges = [0, ...cuts, bytes.length];
  return edges.slice(1).map((end, index) => Buffer.from(bytes.subarray(edges[index], end)));
}

/** Generated text holding one character of each UTF-8 length among printable ASCII. */
export function everyCharacterLength(seed: number): Buffer {
  const random = randomSource(seed);
  const [two, three, four] = ([2, 3, 4] as const).map((length) => characterOf(length, random));
  return Buffer.from(`text ${two}, ${three} and ${four}!`);
}
