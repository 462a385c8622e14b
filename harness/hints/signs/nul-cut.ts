import type { LogEvent } from '../../driver/event-log.js';
import type { Sign } from '../sign.js';

/** Stream offsets at which `conn`'s writes ended: a read may stop there for reasons of its own. */
function writeEnds(events: readonly LogEvent[], conn: string): Set<number> {
  const ends = new Set<number>();
  let offset = 0;
  for (const event of events) {
    if (event.conn !== conn || event.kind !== 'write') continue;
    offset += event.size ?? 0;
    ends.add(offset);
  }
  return ends;
}

/** In echo: the bytes stopped right before a NUL byte, in the middle of a write. */
export const nulCut: Sign = ({ suite, details, events }) => {
  const { conn, diff, kind } = details;
  if (suite !== 'echo' || conn === undefined || diff === undefined) return undefined;
  if ((kind !== 'timeout' && kind !== 'eof') || diff.expectedByte !== 0x00) return undefined;
  if (writeEnds(events, conn).has(diff.offset)) return undefined;
  return {
    cause: 'nul-cut',
    hint: {
      neutral:
        'The echo stops right before a NUL byte: the server treats the data as a C string. Use the byte count each read returned, never the position of the first NUL.',
      c: 'The echo stops right before a NUL byte: the server treats the data as a C string (strlen, printf %s, strcpy). Write exactly the n bytes read() returned: write(fd, buf, n), never strlen().',
      python:
        "The echo stops right before a NUL byte: the server cuts the data at b'\\0' (a C-style string). Send back exactly the bytes recv() returned.",
    },
  };
};
