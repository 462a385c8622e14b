import { describe, expect, it } from 'vitest';
import {
  characterStarts,
  cutAt,
  everyCharacterLength,
  insideCharacters,
  splitInsideCharacters,
  utf8Text,
} from '../../../harness/generators/utf8-text.js';

const strict = new TextDecoder('utf-8', { fatal: true });

describe('utf8Text', () => {
  it('makes exactly the bytes asked for, valid UTF-8 with no control character and no U+FFFD', () => {
    for (const size of [0, 1, 2, 3, 7, 32, 4096]) {
      for (const seed of [1, 2, 99]) {
        const bytes = utf8Text(size, seed);
        expect(bytes.length).toBe(size);
        const text = strict.decode(bytes);
        expect(text).not.toMatch(/[\p{Cc}\ufffd\u2028\u2029]/u);
      }
    }
  });

  it('mixes characters of every UTF-8 length, different for each seed, the same for one', () => {
    const lengths = new Set(characterStarts(utf8Text(4096, 5)).map(({ length }) => length));
    expect([...lengths].sort()).toEqual([1, 2, 3, 4]);
    expect(utf8Text(64, 5).equals(utf8Text(64, 5))).toBe(true);
    expect(utf8Text(64, 5).equals(utf8Text(64, 6))).toBe(false);
  });
});

describe('splitting writes inside characters', () => {
  it('cuts every multi-byte character of a text once, inside it, and loses no byte', () => {
    const text = everyCharacterLength(7);
    const pieces = splitInsideCharacters(text);
    expect(Buffer.concat(pieces).equals(text)).toBe(true);
    const inside = new Set(insideCharacters(text));
    let at = 0;
    for (const piece of pieces.slice(0, -1)) {
      at += piece.length;
      expect(inside.has(at)).toBe(true);
    }
    expect(pieces.length - 1).toBe(characterStarts(text).filter(({ length }) => length > 1).length);
  });

  it('chooses cuts inside characters for every other choice, and anywhere for the rest', () => {
    const line = Buffer.from('ab\u00e9cd\u20ac\n');
    const inside = new Set(insideCharacters(line));
    expect([...inside]).toEqual([3, 7, 8]);
    for (let n = 0; n < 20; n += 2) expect(inside.has(cutAt(line, n))).toBe(true);
    for (let n = 1; n < 20; n += 2) expect(cutAt(line, n)).toBeGreaterThan(0);
    expect(cutAt(Buffer.from('abc\n'), 0)).toBe(1);
  });
});
