import { describe, expect, it } from 'vitest';
import { diffBytes, firstDifference } from '../../../harness/checkers/byte-diff.js';

const text = (value: string): Buffer => Buffer.from(value);
const alphabet = 'abcdefghijklmnopqrstuvwxyz';

describe('firstDifference', () => {
  it.each([
    ['abc', 'abc', 3],
    ['abc', 'xbc', 0],
    ['abc', 'abX', 2],
    ['abcdef', 'abc', 3],
    ['abc', 'abcdef', 3],
    ['', '', 0],
  ])('of %j and %j is %i', (expected, actual, index) => {
    expect(firstDifference(text(expected), text(actual))).toBe(index);
  });
});

describe('diffBytes', () => {
  it('shows eight bytes before the difference and eight after it, in hex and as text', () => {
    const diff = diffBytes(text(alphabet), text(alphabet.replace('m', 'M')));
    expect(diff).toEqual({
      offset: 12,
      expectedByte: 'm'.charCodeAt(0),
      actualByte: 'M'.charCodeAt(0),
      windowStart: 4,
      expectedHex: '65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 75',
      actualHex: '65 66 67 68 69 6a 6b 6c 4d 6e 6f 70 71 72 73 74 75',
      expectedText: 'efghijklmnopqrstu',
      actualText: 'efghijklMnopqrstu',
    });
  });

  it('starts the window at the first byte when the difference is near the start', () => {
    const diff = diffBytes(text(alphabet), text(alphabet.replace('c', 'C')));
    expect(diff.windowStart).toBe(0);
    expect(diff.expectedText).toBe('abcdefghijk');
    expect(diff.actualText).toBe('abCdefghijk');
  });

  it('ends the window at the last byte when the difference is near the end', () => {
    const diff = diffBytes(text(alphabet), text(alphabet.replace('y', 'Y')));
    expect(diff.windowStart).toBe(16);
    expect(diff.expectedText).toBe('qrstuvwxyz');
    expect(diff.actualText).toBe('qrstuvwxYz');
  });

  it('gives offsets in the whole stream when the buffers start at a base offset', () => {
    const diff = diffBytes(text(alphabet), text(alphabet.replace('m', 'M')), 1000);
    expect(diff.offset).toBe(1012);
    expect(diff.windowStart).toBe(1004);
  });

  it('shows where the data stopped when the expected bytes are longer than what arrived', () => {
    const diff = diffBytes(text('hello world'), text('hello'), 10);
    expect(diff).toMatchObject({
      offset: 15,
      expectedByte: ' '.charCodeAt(0),
      actualByte: null,
      windowStart: 10,
      expectedText: 'hello world',
      actualText: 'hello',
    });
  });

  it('shows the first extra byte when more arrived than was expected', () => {
    const diff = diffBytes(text('abc'), text('abcdef'));
    expect(diff).toMatchObject({
      offset: 3,
      expectedByte: null,
      actualByte: 'd'.charCodeAt(0),
      expectedText: 'abc',
      actualText: 'abcdef',
    });
  });

  it('shows bytes that are not printable as hex, and as dots in the text', () => {
    const diff = diffBytes(Buffer.from([0x61, 0x00, 0x0a]), Buffer.from([0x61, 0x00, 0xff]));
    expect(diff.offset).toBe(2);
    expect(diff.expectedHex).toBe('61 00 0a');
    expect(diff.actualHex).toBe('61 00 ff');
    expect(diff.actualText).toBe('a..');
  });
});
