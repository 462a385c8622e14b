import type { Sign } from '../sign.js';
import { bytesReceived, bytesSent } from './connection-events.js';

/** A common size of an output buffer: stdio's, Java's BufferedOutputStream's. */
const block = 4096;
/** The most an output buffer holds back: Java's BufferedOutputStream, 8 KiB. */
const largestBuffer = 8192;

/**
 * Replies came in whole blocks and the rest, no more than a buffer holds, never came: the server's
 * output sits in a buffer. Megabytes missing are lost, not held.
 */
export const heldBackOutput: Sign = ({ details, events, exit }) => {
  const conn = details.conn;
  if (exit !== undefined || conn === undefined || details.kind !== 'timeout') return undefined;
  const received = bytesReceived(events, conn);
  const missing = bytesSent(events, conn) - received;
  if (received === 0 || received % block !== 0 || missing <= 0 || missing > largestBuffer) return undefined;
  const held = `${conn} got ${received} bytes, a whole number of ${block}-byte blocks, and the rest never came: the server's replies wait in an output buffer that is only written out when it fills.`;
  return {
    cause: 'held-back-output',
    hint: {
      neutral: `${held} Send on the socket directly, or flush the buffer after each reply.`,
      python: `${held} Send with sendall() on the socket, or call flush() after each write to a socket.makefile() file.`,
      c: `${held} write() (or send()) to the fd directly instead of fwrite()/fprintf() on an fdopen()ed FILE*, or fflush() it after each reply.`,
      java: `${held} flush() the BufferedOutputStream or PrintWriter after each reply (or write to the socket's OutputStream directly).`,
    },
  };
};
