import type { Sign } from '../sign.js';
import { sentBy } from './connection-events.js';

/** Shorter runs of bytes could match another client's by chance. */
const window = 8;

/** The client some of a received chunk came from, when only one other client sent those bytes. */
function otherSender(chunk: Buffer, receiver: string, sent: ReadonlyMap<string, Buffer>): string | undefined {
  for (let start = 0; start + window <= chunk.length; start += window) {
    const part = chunk.subarray(start, start + window);
    if (sent.get(receiver)?.includes(part) ?? false) continue;
    const senders = [...sent].filter(([conn, bytes]) => conn !== receiver && bytes.includes(part));
    if (senders.length === 1) return senders[0]?.[0];
  }
  return undefined;
}

/**
 * In echo, where nothing passes between clients: a client received bytes that only another client
 * sent. The server mixes up its clients (a buffer, socket or "current client" shared by all).
 */
export const otherClientBytes: Sign = ({ suite, events }) => {
  if (suite !== 'echo') return undefined;
  const sent = sentBy(events);
  for (const event of events) {
    if (event.kind !== 'read' || event.preview === undefined) continue;
    const from = otherSender(event.preview, event.conn, sent);
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
