import type { Phrasing } from '../phrasing.js';
import type { Sign } from '../sign.js';
import { writesBy } from './connection-events.js';

/** The hint for a leaving client's unfinished line passed on. */
export const unfinishedLine: Phrasing = {
  neutral:
    'A client left in the middle of a line, and the server relayed the unfinished part as a line of its own. Bytes after the last LF of a client that leaves are dropped, never relayed.',
  python:
    "A client left in the middle of a line, and the server relayed the unfinished part as a line of its own. When recv() returns b'', throw that client's buffer away: only bytes up to an LF are ever relayed.",
  node: "A client left in the middle of a line, and the server relayed the unfinished part as a line of its own. On 'end' or 'close', throw that client's buffer away: only bytes up to an LF are ever relayed.",
  c: "A client left in the middle of a line, and the server relayed the unfinished part as a line of its own. When read() returns 0, discard that client's buffer: only bytes up to a '\\n' are ever relayed.",
};

/**
 * Where servers relay lines: bytes no read asked for reached a client, and they are what another
 * client wrote after its last LF before it left. The server passed on a line that never ended.
 */
export const unfinishedLineRelayed: Sign = ({ suite, details, events }) => {
  const conn = details.conn;
  if (suite === 'echo' || details.kind !== 'extra-bytes' || conn === undefined) return undefined;
  const received = events.filter((event) => event.conn === conn && event.kind === 'read');
  const last = received.at(-1)?.preview;
  if (last === undefined || last.length === 0) return undefined;
  for (const [sender, writes] of writesBy(events)) {
    if (sender === conn) continue;
    const left = events.some(
      (event) => event.conn === sender && (event.kind === 'close' || event.kind === 'reset'),
    );
    const sent = Buffer.concat(writes);
    const tail = sent.subarray(sent.lastIndexOf(0x0a) + 1);
    const withoutLf = last.at(-1) === 0x0a ? last.subarray(0, -1) : last;
    if (left && tail.length > 0 && tail.equals(withoutLf))
      return { cause: 'unfinished-line-relayed', hint: unfinishedLine };
  }
  return undefined;
};
