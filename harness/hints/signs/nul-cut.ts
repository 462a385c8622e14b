import type { Sign } from '../sign.js';
import { writeEnds } from './connection-events.js';

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
