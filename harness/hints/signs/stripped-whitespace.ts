import type { ByteDiff } from '../../checkers/byte-diff.js';
import type { FailureEvidence } from '../failure-evidence.js';
import type { Sign } from '../sign.js';

/** What strip(), trim() and isspace() take: space, tab, LF, VT, FF, CR. */
const whitespace = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

const allWhitespace = (bytes: Uint8Array): boolean =>
  bytes.length > 0 && bytes.every((byte) => whitespace.has(byte));

const expectedWindow = (diff: ByteDiff): Buffer => Buffer.from(diff.expectedHex.replaceAll(' ', ''), 'hex');

/** The expected bytes the diff shows from stream offset `offset`, `length` of them, where its window holds them. */
function expectedBytesAt(diff: ByteDiff, offset: number, length: number): Buffer | undefined {
  const window = expectedWindow(diff);
  const start = offset - diff.windowStart;
  if (start < 0 || start + length > window.length) return undefined;
  return window.subarray(start, start + length);
}

/** Whitespace that never came back where the rest around it did, in echo. */
function strippedBytes({ suite, details }: FailureEvidence): Uint8Array | undefined {
  const { kind, skipped, diff, owed, lastByte } = details;
  if (suite !== 'echo') return undefined;
  // Bytes left out of the middle of the stream, and what followed them came.
  if (kind === 'mismatch' && skipped !== undefined && diff !== undefined) {
    const left = expectedBytesAt(diff, skipped.offset, skipped.length);
    return left !== undefined && allWhitespace(left) ? left : undefined;
  }
  // Too little came after them to tell bytes skipped: whitespace expected, and the byte after it came instead.
  if (kind === 'mismatch' && diff !== undefined && diff.actualByte !== null) {
    const window = expectedWindow(diff);
    const from = diff.offset - diff.windowStart;
    let to = from;
    while (to < window.length && whitespace.has(window[to] as number)) to += 1;
    return to > from && window[to] === diff.actualByte ? window.subarray(from, to) : undefined;
  }
  // The end of what was sent, after bytes that came; what a strip() leaves never ends in whitespace.
  if (kind !== 'timeout' && kind !== 'eof') return undefined;
  if (owed === undefined || lastByte === null || lastByte === undefined || whitespace.has(lastByte))
    return undefined;
  return allWhitespace(owed) ? owed : undefined;
}

const names: Readonly<Record<number, string>> = {
  0x20: 'space',
  0x09: 'tab',
  0x0a: 'newline',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x0d: 'carriage return',
};

/** "a newline", "2 spaces", "a space and a newline". */
function describe(bytes: Uint8Array): string {
  const counts = new Map<string, number>();
  for (const byte of bytes) counts.set(names[byte] ?? 'byte', (counts.get(names[byte] ?? 'byte') ?? 0) + 1);
  const parts = [...counts].map(([name, count]) => (count === 1 ? `a ${name}` : `${count} ${name}s`));
  return parts.length === 1
    ? (parts[0] as string)
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) as string}`;
}

/**
 * In echo: whitespace the client sent never came back, and the bytes around it did: the server strips
 * what it reads before it sends it back.
 */
export const strippedWhitespace: Sign = (evidence) => {
  const bytes = strippedBytes(evidence);
  const conn = evidence.details.conn;
  if (bytes === undefined || conn === undefined) return undefined;
  const what = describe(bytes);
  const seen = `${what.charAt(0).toUpperCase()}${what.slice(1)} that ${conn} sent never came back, and the bytes before ${bytes.length === 1 ? 'it' : 'them'} did: the server strips whitespace from what it reads.`;
  return {
    cause: 'text-trimmed',
    hint: {
      neutral: `${seen} Send back exactly the bytes each read returned, with nothing removed.`,
      python: `${seen} strip() takes spaces and newlines from the ends of each recv()'s data: send back exactly what recv() returned, conn.sendall(data), with no decode(), strip() or encode().`,
      node: `${seen} trim() takes spaces and newlines from the ends of each chunk: write back the Buffer each 'data' event gives, unchanged.`,
      c: `${seen} Write back all n bytes read() returned; do not skip spaces or cut the newline off.`,
      java: `${seen} trim() and strip() take spaces and newlines from the ends: write back the n bytes read() returned, unchanged.`,
    },
  };
};

/**
 * What a failure shows that names no cause by itself: nothing came back of bytes that are all
 * whitespace. A server that strips them shows it, and so do others.
 */
export function unansweredWhitespace({ suite, details }: FailureEvidence): boolean {
  const { kind, owed, received } = details;
  return (
    suite === 'echo' && kind === 'timeout' && received === 0 && owed !== undefined && allWhitespace(owed)
  );
}
