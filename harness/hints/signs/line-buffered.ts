import { formatBytes } from '../../checkers/format-bytes.js';
import type { FailureEvidence } from '../failure-evidence.js';
import type { Phrasing } from '../phrasing.js';
import type { Sign } from '../sign.js';
import { had, oneReadAtMost, writeEnds } from './connection-events.js';

const lf = 0x0a;

/** Reads of a buffer's size end on these boundaries: a stop there says nothing about newlines. */
const bufferSizes = 512;

const readsLines: Phrasing = {
  neutral:
    'the server reads lines (it waits for a newline before it echoes), but echo is not a line protocol. Send back whatever each read returned, at once, newline or not.',
  python:
    "the server reads lines (for line in conn.makefile(), readline()), which wait for a newline, but echo is not a line protocol. Loop: data = conn.recv(4096); conn.sendall(data), until recv() returns b''.",
  pythonEvents:
    'the server keeps what it reads until a newline comes, but echo is not a line protocol. Send back what each recv() returned, newline or not.',
  node: "the server reads lines (readline's 'line' event, or a split on '\\n' that keeps the rest), which wait for a newline, but echo is not a line protocol. Write back each 'data' chunk as it arrives.",
  c: "the server reads up to a newline (fgets(), getline(), or a loop that waits for '\\n') before it writes, but echo is not a line protocol. write() the n bytes each read() returned at once.",
  java: 'the server reads with readLine() and writes with println(): readLine() waits for a newline and drops it, println() adds one. Echo is not a line protocol: int n = in.read(buf); out.write(buf, 0, n); out.flush(), until read() returns -1.',
};

/** The words of `phrasing` after an opening sentence that says what was seen. */
function seenThen(seen: string, phrasing: Phrasing): Phrasing {
  return Object.fromEntries(
    Object.entries(phrasing).map(([language, words]) => [language, `${seen}: ${words as string}`]),
  ) as unknown as Phrasing;
}

/**
 * In echo: the bytes that came back stop right after a newline the client sent, and none of the bytes
 * after it, which hold no newline, ever came; or a newline came at the end that the client never
 * sent. The server reads lines and writes them back.
 */
export const lineBuffered: Sign = ({ suite, details, events }) => {
  const { conn, kind, owed, lastByte } = details;
  if (suite !== 'echo' || conn === undefined) return undefined;
  if ((kind === 'timeout' || kind === 'eof') && owed !== undefined && owed.length > 0) {
    const at = details.diff?.offset;
    if (lastByte !== lf || at === undefined || owed.includes(lf)) return undefined;
    // One read (of a buffer, or of one write) may end at a newline by chance; more than a read's worth
    // ending at the last newline, with none in what is owed, does not.
    if (at <= oneReadAtMost && (at % bufferSizes === 0 || writeEnds(events, conn).has(at))) return undefined;
    return {
      cause: 'line-buffered',
      hint: seenThen(
        `${conn} got back everything up to the last newline it sent and none of the ${owed.length} bytes after it, which hold no newline`,
        readsLines,
      ),
    };
  }
  const addedNewline =
    details.actual === formatBytes(Buffer.from('\n')) || details.actual === formatBytes(Buffer.from('\r\n'));
  if (
    kind === 'extra-bytes' &&
    addedNewline &&
    lastByte !== lf &&
    lastByte !== null &&
    had(events, conn, 'end')
  ) {
    return {
      cause: 'line-buffered',
      hint: seenThen(
        `After ${conn}'s last bytes, which did not end in a newline, a newline came back that ${conn} never sent`,
        readsLines,
      ),
    };
  }
  return undefined;
};

/**
 * What a failure shows that names no cause by itself: nothing came back of bytes that hold no newline.
 * A server that reads lines shows it, and so do others; the run's diagnosis may tell which.
 */
export function unansweredWithoutNewline({ suite, details }: FailureEvidence): boolean {
  const { kind, owed, received } = details;
  return (
    suite === 'echo' &&
    kind === 'timeout' &&
    received === 0 &&
    owed !== undefined &&
    owed.length > 0 &&
    !owed.includes(lf) &&
    (details.lastByte === null || details.lastByte === lf)
  );
}
