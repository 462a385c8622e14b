import { formatBytes } from '../../harness/api/conform.js';

/** Where a line's characters turned into U+FFFD: the bytes around the first, as sent and as received. */
export function replacedAt(sent: Buffer, got: Buffer): string {
  let at = 0;
  while (at < sent.length && sent[at] === got[at]) at += 1;
  const from = characterEdge(sent, Math.max(0, at - 8));
  const count = got.toString('utf8').split('\ufffd').length - 1;
  const window = (bytes: Buffer, end: number): string =>
    formatBytes(bytes.subarray(from, characterEdge(bytes, end)));
  return `${count} U+FFFD where the line had other characters, the first at byte ${at}: sent ${window(sent, at + 8)}, got ${window(got, at + 11)}`;
}

/** The first offset at or after `at` where a character starts (not a UTF-8 continuation byte). */
function characterEdge(bytes: Buffer, at: number): number {
  let edge = Math.min(at, bytes.length);
  while (edge < bytes.length && ((bytes[edge] as number) & 0xc0) === 0x80) edge += 1;
  return edge;
}
