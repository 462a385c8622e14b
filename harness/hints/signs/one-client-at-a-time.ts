import type { Sign } from '../sign.js';
import { bytesReceived, earlierClientOpen, othersServedSince } from './connection-events.js';

/**
 * A client got nothing at all, or was never accepted, while others were answered or an earlier
 * client was still connected: the server serves one client (or a fixed number) at a time.
 */
export const oneClientAtATime: Sign = ({ suite, details, events, exit, unaccepted, unread }) => {
  const conn = details.conn;
  // Where servers relay between clients, a client left out is a relay bug, not a queue.
  if (suite !== 'echo' || exit !== undefined || conn === undefined) return undefined;
  if (bytesReceived(events, conn) > 0) return undefined;
  // A server that read all the client sent is serving it, whatever keeps its answer back.
  if (unread === 0) return undefined;
  // A server that answered no one at all is not serving anyone, one at a time or otherwise.
  const servedSomeone = events.some((event) => event.kind === 'read');
  const waiting = othersServedSince(events, conn) || earlierClientOpen(events, conn);
  const queued = unaccepted !== undefined && unaccepted > 0;
  // A connection never accepted is never answered, nor closed.
  const kinds = queued ? ['timeout', 'not-accepted', 'not-closed'] : ['timeout', 'not-accepted'];
  if (!kinds.includes(details.kind)) return undefined;
  if (!waiting || (!servedSomeone && !queued && details.kind !== 'not-accepted')) return undefined;
  const told = `${conn} got nothing back while another client was connected: the server serves one client (or a fixed number) at a time.`;
  return {
    cause: 'one-client-at-a-time',
    hint: {
      neutral: `${told} Serve every connected client at once: a thread per client, or one event loop over all of them.`,
      python: `${told} Start a threading.Thread for each accepted client (not a pool of fixed size), or serve all sockets from one selectors loop.`,
      pythonEvents: `${told} The loop is stuck inside one client: a blocking recv() or sendall(), or an inner loop until that client leaves. Make every socket non-blocking and do one recv() per readable event.`,
      node: `${told} Let every 'connection' run on its own: do not wait for one client to end before handling the next, and do not set server.maxConnections.`,
      c: `${told} An accept() followed by a read loop serves one client to its end: poll() over all client fds, or start a thread (or fork()) per client.`,
      cEvents: `${told} The poll() loop is stuck inside one client: a blocking read() or write(), or an inner loop until that client leaves. Set O_NONBLOCK and do one read() per POLLIN.`,
      java: `${told} The accept loop serves each client to its end before the next accept(): start a Thread (or use an unbounded ExecutorService) for each client.`,
    },
  };
};
