import type { Sign } from '../sign.js';
import type { LogEvent } from '../../driver/event-log.js';
import { writesBy } from './connection-events.js';

/** Shorter runs of bytes could match another client's by chance. */
const window = 8;
/** A whole write this short is still unlikely to turn up by chance in another client's read. */
const shortWrite = 3;

/** What each client wrote: each write's first bytes, and all of them joined. */
interface Written {
  readonly writes: ReadonlyMap<string, readonly Buffer[]>;
  readonly joined: ReadonlyMap<string, Buffer>;
}

/**
 * What the log keeps of each client's writes, joined: each write's first bytes and, for a long one,
 * its last bytes too, which a read that ends where the write ended holds at its own end.
 */
function knownSent(events: readonly LogEvent[]): Map<string, Buffer> {
  const pieces = new Map<string, Buffer[]>();
  for (const event of events) {
    if (event.kind !== 'write' || event.preview === undefined) continue;
    const known = [event.preview, ...(event.tail === undefined ? [] : [event.tail])];
    pieces.set(event.conn, [...(pieces.get(event.conn) ?? []), ...known]);
  }
  return new Map([...pieces].map(([conn, buffers]) => [conn, Buffer.concat(buffers)]));
}

/** The one client other than `receiver` that `wrote` holds true of, if exactly one. */
function onlyOther(receiver: string, written: Written, wrote: (conn: string) => boolean): string | undefined {
  const senders = [...written.writes.keys()].filter((conn) => conn !== receiver && wrote(conn));
  return senders.length === 1 ? senders[0] : undefined;
}

/**
 * The client some of a received chunk came from, when only one other client sent those bytes: a run
 * of them at any offset (after the receiver's own, say), another client's whole short write, or, for
 * a receiver that sent nothing, the chunk itself.
 */
function otherSender(chunk: Buffer, receiver: string, written: Written): string | undefined {
  const own = written.joined.get(receiver) ?? Buffer.alloc(0);
  const writesOf = (conn: string): readonly Buffer[] => written.writes.get(conn) ?? [];
  for (let start = 0; start + window <= chunk.length; start += 1) {
    const part = chunk.subarray(start, start + window);
    if (own.includes(part)) continue;
    const from = onlyOther(receiver, written, (conn) => written.joined.get(conn)?.includes(part) ?? false);
    if (from !== undefined) return from;
  }
  const whole = onlyOther(receiver, written, (conn) =>
    writesOf(conn).some(
      (write) => write.length >= shortWrite && chunk.includes(write) && !own.includes(write),
    ),
  );
  if (whole !== undefined || own.length > 0) return whole;
  return onlyOther(receiver, written, (conn) => writesOf(conn).some((write) => write.equals(chunk)));
}

/**
 * In echo, where nothing passes between clients: a client received bytes that only another client
 * sent. The server mixes up its clients (a buffer, socket or "current client" shared by all).
 */
export const otherClientBytes: Sign = ({ suite, events }) => {
  if (suite !== 'echo') return undefined;
  const writes = writesBy(events);
  const written = { writes, joined: knownSent(events) };
  for (const event of events) {
    if (event.kind !== 'read' || event.preview === undefined) continue;
    const from =
      otherSender(event.preview, event.conn, written) ??
      (event.tail === undefined ? undefined : otherSender(event.tail, event.conn, written));
    if (from === undefined) continue;
    const mixed = `${event.conn} received bytes that only ${from} sent: the server mixes up its clients.`;
    return {
      cause: 'other-client-bytes',
      hint: {
        neutral: `${mixed} Keep each client's connection and buffer to itself; a variable shared by all clients (a global buffer, a "current client") sends one client's data to another.`,
        python: `${mixed} Keep each client's socket and buffer in local variables of the function that serves it (one call per thread), not in globals or attributes every thread shares.`,
        pythonEvents: `${mixed} Keep a buffer for each client, keyed by its socket, and send each client only what it sent; a single buffer or "current socket" for the whole loop mixes them.`,
        node: `${mixed} Keep everything about a client inside its 'connection' handler, on the socket passed to it; a variable outside the handler (a "current client", one shared buffer) is shared by every client.`,
        c: `${mixed} Give each client its own fd and buffer (a struct per client, or locals of its thread); a global buffer or "current fd" shared by threads or by the loop sends one client's data to another.`,
        java: `${mixed} Give each client its own Socket, streams and byte[] inside its own Runnable; a static or shared field sends one client's data to another.`,
      },
    };
  }
  return undefined;
};
