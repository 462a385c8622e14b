import type { Sign } from '../sign.js';
import { bytesReceived, bytesSent, oneReadAtMost } from './connection-events.js';

/** In echo: a client got back no more than one read's worth of what it sent, then the connection stopped or ended. */
export const firstReadOnly: Sign = ({ suite, details, events, exit }) => {
  const conn = details.conn;
  if (suite !== 'echo' || exit !== undefined || conn === undefined) return undefined;
  if (details.kind !== 'eof' && details.kind !== 'reset' && details.kind !== 'timeout') return undefined;
  const received = bytesReceived(events, conn);
  if (received === 0 || received > oneReadAtMost) return undefined;
  if (bytesSent(events, conn) <= received) return undefined;
  return {
    cause: 'first-read-only',
    hint: {
      neutral:
        'Only the start of the data came back: the server echoes what one read returned and then stops. Keep reading and echoing until the client closes.',
      python:
        "Only the start of the data came back: the server echoes what one recv() returned and then stops. Loop: keep calling recv() and sendall() until recv() returns b'' (the client closed).",
      pythonEvents:
        "Only the start of the data came back: the server echoes one read and then stops serving the client. Keep the client registered and echo what each readable event brings, until a read returns b''.",
      node: "Only the start of the data came back: the server writes back the first 'data' chunk only (a once() listener, or an end() after the first write). Write back every chunk, and end only on the client's 'end'.",
      c: 'Only the start of the data came back: the server echoes what one read() returned and then stops. Loop: read() and write() everything until read() returns 0.',
      java: 'Only the start of the data came back: the server echoes one read() and then stops. Loop: read() into a byte[] and write() what it returned, until read() returns -1.',
    },
  };
};
