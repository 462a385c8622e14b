import type { Sign } from '../sign.js';
import { bytesReceived, bytesSent, oneReadAtMost } from './connection-events.js';

/** The most an output buffer holds back (held-back-output.ts). */
const largestBuffer = 8192;

/** Where the bytes that never came were: in the middle of the stream, or its end. */
function lost({ details, events, unread, suite }: Parameters<Sign>[0]): string | undefined {
  const { conn, skipped } = details;
  if (conn === undefined) return undefined;
  if (skipped !== undefined) {
    return `${skipped.length} bytes of ${conn}'s stream, from offset ${skipped.offset}, never came back, and what followed them did`;
  }
  // In echo the server owes all it read: it read everything and sent back megabytes less.
  if (suite !== 'echo' || details.kind !== 'timeout' || unread !== 0) return undefined;
  const received = bytesReceived(events, conn);
  const sent = bytesSent(events, conn);
  if (received <= oneReadAtMost || sent - received <= largestBuffer) return undefined;
  return `The server read all ${sent} bytes ${conn} sent, but sent back only ${received} and then nothing more`;
}

/** Bytes the server took never came back: a send took part of what it was given, and the rest was dropped. */
export const lostBytes: Sign = (evidence) => {
  const seen = lost(evidence);
  if (seen === undefined) return undefined;
  const dropped = `${seen}: a send took only part of what it was given, and the rest was dropped.`;
  return {
    cause: 'lost-bytes',
    hint: {
      neutral: `${dropped} Keep what a send did not take and send it when the socket is writable again; never go on to the next bytes before.`,
      python: `${dropped} Use sendall() on a blocking socket, or keep what send() did not take and send it when select() reports the socket writable.`,
      pythonEvents: `${dropped} Keep what send() did not take in the client's output queue and send it when the socket is writable (EVENT_WRITE).`,
      c: `${dropped} send() and write() may take less than asked (or fail with EAGAIN): keep the unsent bytes and send them when poll() reports POLLOUT, before anything newer.`,
      java: `${dropped} SocketChannel.write() may take only part of the buffer: keep the rest and write it when OP_WRITE fires, before anything newer.`,
    },
  };
};
