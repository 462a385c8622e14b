import { formatHex, formatPrintable } from './format-bytes.js';

/** Where two byte streams first part, with a window of each around that point. */
export interface ByteDiff {
  /** Offset of the first differing byte in the stream. */
  readonly offset: number;
  /** The expected byte there, or null where the expected stream had ended. */
  readonly expectedByte: number | null;
  /** The byte that arrived there, or null where nothing more arrived. */
  readonly actualByte: number | null;
  /** Offset in the stream at which the windows below start. */
  readonly windowStart: number;
  readonly expectedHex: string;
  readonly actualHex: string;
  readonly expectedText: string;
  readonly actualText: string;
}

const before = 8;
const after = 8;

export function firstDifference(expected: Uint8Array, actual: Uint8Array): number {
  const shorter = Math.min(expected.length, actual.length);
  for (let index = 0; index < shorter; index += 1) {
    if (expected[index] !== actual[index]) return index;
  }
  return shorter;
}

/**
 * Describes the first difference between what was expected and what arrived.
 * `base` is where these buffers start in the whole stream, so offsets read as stream offsets.
 */
export function diffBytes(expected: Uint8Array, actual: Uint8Array, base = 0): ByteDiff {
  const index = firstDifference(expected, actual);
  const start = Math.max(0, index - before);
  const expectedWindow = expected.subarray(start, index + after + 1);
  const actualWindow = actual.subarray(start, index + after + 1);
  return {
    offset: base + index,
    expectedByte: expected[index] ?? null,
    actualByte: actual[index] ?? null,
    windowStart: base + start,
    expectedHex: formatHex(expectedWindow),
    actualHex: formatHex(actualWindow),
    expectedText: formatPrintable(expectedWindow),
    actualText: formatPrintable(actualWindow),
  };
}
