import type { LogEvent } from '../../driver/event-log.js';
import type { Sign } from '../sign.js';
import { bytesReceived, bytesSent, gone } from './connection-events.js';

/**
 * Whether some client got back everything it had sent while it was still sending: the server answers
 * at once (its replies are not held in a buffer that only a close flushes).
 */
function answersAtOnce(events: readonly LogEvent[]): boolean {
  const sent = new Map<string, number>();
  const received = new Map<string, number>();
  const ended = new Set<string>();
  for (const event of events) {
    const { conn, kind, size = 0 } = event;
    if (kind === 'end') ended.add(conn);
    if (ended.has(conn)) continue;
    if (kind === 'write') sent.set(conn, (sent.get(conn) ?? 0) + size);
    if (kind !== 'read') continue;
    received.set(conn, (received.get(conn) ?? 0) + size);
    if ((sent.get(conn) ?? 0) > 0 && (received.get(conn) ?? 0) >= (sent.get(conn) ?? 0)) return true;
  }
  return false;
}

/**
 * In echo: the server read everything a client sent, yet answered its last write with nothing on its
 * connection (it waited, or closed it when that answer failed, never having answered it at all), while
 * it answered clients at once, and the newest client, which connected after it, has gone without
 * reading those bytes: the reply went to the newest connection (the server keeps one "current
 * client") instead of the socket the bytes came from. Had the newest client still been there, it
 * would have received those bytes, which otherClientBytes recognises.
 */
export const answeredElsewhere: Sign = ({ suite, details, events, exit, unread }) => {
  const conn = details.conn;
  if (suite !== 'echo' || exit !== undefined || conn === undefined) return undefined;
  // Bytes left unread mean the server stopped reading this client: a queue or a stuck loop, not this.
  if (unread !== 0 || bytesSent(events, conn) <= bytesReceived(events, conn)) return undefined;
  // A close after some answers may have come before the write it seems to follow (one answer, then
  // the end): only a client never answered at all, then closed, shows it.
  const closed = details.kind === 'eof' && bytesReceived(events, conn) === 0;
  if (details.kind !== 'timeout' && !closed) return undefined;
  if (!answersAtOnce(events)) return undefined;
  const connected = events.findIndex((event) => event.conn === conn && event.kind === 'connect');
  const lastWrite = events.findLastIndex((event) => event.conn === conn && event.kind === 'write');
  if (connected === -1 || lastWrite === -1) return undefined;
  const after = events.slice(lastWrite + 1).filter((event) => event.conn === conn);
  if (after.some((event) => event.kind === 'read')) return undefined;
  // A close before the write (a server that drops idle clients, say) was no answer to it.
  if (closed && !after.some((event) => event.kind === 'eof')) return undefined;
  // The echo is written after the write that asked for it: the newest client may have come in between.
  const since = events.slice(connected + 1);
  const newest = since.findLast((event) => event.kind === 'connect' && event.conn !== conn);
  if (newest === undefined) return undefined;
  if (!gone(since, newest.conn)) return undefined;
  const told = `The server read what ${conn} sent last but answered nothing on ${conn}'s connection. ${newest.conn}, the newest connection, came after ${conn} and has gone: the echo most likely went to ${newest.conn}'s socket instead of ${conn}'s.`;
  return {
    cause: 'answered-elsewhere',
    hint: {
      neutral: `${told} Keep each client's connection in the code that serves it, not in one variable shared by all, and send each reply on the connection its bytes came from.`,
      python: `${told} A global conn (or self.conn) is overwritten by each accept(): pass each client's socket to its own thread and call sendall() on that socket.`,
      pythonEvents: `${told} Reply on the socket the readable event was for (key.fileobj), not on one saved from the last accept().`,
      node: `${told} A variable outside the 'connection' handler holds only the newest socket: inside the handler, write back on the socket that handler was given.`,
      c: `${told} One global fd is overwritten by each accept(): write() back on the fd the data was read from, each client's own.`,
      cEvents: `${told} write() back on the fd poll() reported readable, not on the one the last accept() returned.`,
      java: `${told} A field holding the Socket is overwritten by each accept(): give each client's thread its own Socket and write to that Socket's OutputStream.`,
      javaEvents: `${told} Write back on the SocketChannel of the key that was readable, not on one saved from the last accept().`,
    },
  };
};
