import type { LogEvent } from '../../driver/event-log.js';
import type { Sign } from '../sign.js';
import { bytesReceived } from './connection-events.js';

/** Long enough after the client's last write that the server was waiting to send, not closing at once. */
const waitedMs = 100;

function resetAfterWaiting(events: readonly LogEvent[], conn: string): boolean {
  const reset = events.findLast((event) => event.conn === conn && event.kind === 'reset');
  const write = events.findLast((event) => event.conn === conn && event.kind === 'write');
  return reset !== undefined && write !== undefined && reset.at - write.at >= waitedMs;
}

/**
 * The server gave up on a client that stopped reading for a while: it reset the connection, or
 * nothing more came once the client read again.
 */
export const stallAfterPause: Sign = ({ details, events, exit }) => {
  const conn = details.conn;
  if (exit !== undefined || conn === undefined) return undefined;
  const stopped = events.findIndex(
    (event) => event.conn === conn && (event.kind === 'pause' || event.kind === 'resume'),
  );
  const resumed = events.findIndex((event) => event.conn === conn && event.kind === 'resume');
  if (stopped === -1) return undefined;
  const gaveUp =
    (details.kind === 'reset' && resetAfterWaiting(events, conn)) ||
    (details.kind === 'timeout' &&
      resumed !== -1 &&
      bytesReceived(events, conn) > 0 &&
      bytesReceived(events, conn, resumed) === 0);
  if (!gaveUp) return undefined;
  const stalled = `The server gave up on ${conn} while ${conn} was not reading: a send that could not finish at once ended that client, and the rest was lost.`;
  return {
    cause: 'stall-after-pause',
    hint: {
      neutral: `${stalled} A client that reads slowly must only slow the server down: keep unsent bytes and send them when the client reads again.`,
      python: `${stalled} Use a blocking sendall() with no socket timeout in that client's thread: it simply waits until the client reads.`,
      pythonEvents: `${stalled} Keep unsent bytes in a per-client output queue, register the socket for writing (EVENT_WRITE, or select's write list) and send the rest when it is writable.`,
      node: `${stalled} When write() returns false, pause() that client's input and resume() it on 'drain'; never drop what write() was given.`,
      c: `${stalled} On EAGAIN or a short write, keep the unsent bytes and wait for POLLOUT before writing the rest.`,
      java: `${stalled} A blocking OutputStream.write() waits for a slow reader by itself: do not abandon the client on a timeout.`,
      javaEvents: `${stalled} Keep unsent bytes in a per-client ByteBuffer, register OP_WRITE and write the rest when the channel is writable.`,
    },
  };
};
