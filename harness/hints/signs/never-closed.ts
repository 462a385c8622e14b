import type { Sign } from '../sign.js';
import { had } from './connection-events.js';

/** A client half-closed, got all it was owed, and the server never closed its side. */
export const neverClosed: Sign = ({ details, events, unaccepted }) => {
  const conn = details.conn;
  if (details.kind !== 'not-closed' || conn === undefined || !had(events, conn, 'end')) return undefined;
  // A server that answered no one may never have accepted the connection at all.
  if (unaccepted !== 0 && !events.some((event) => event.kind === 'read')) return undefined;
  const open = `${conn} half-closed and got everything back, but the server never closed its side.`;
  return {
    cause: 'never-closed',
    hint: {
      neutral: `${open} Once the client has finished sending and everything owed is sent, close the connection; a connection is only closed when every copy of its socket is.`,
      python: `${open} When recv() returns b'' and everything is sent, close the socket (with os.fork() or multiprocessing, the parent must close its copy as well).`,
      node: `${open} With allowHalfOpen: true nothing ends the socket for you: call end() once the client's 'end' has come and your last write() is done.`,
      c: `${open} After read() returns 0 and everything is written, close() the fd; with fork(), the parent must close() its copy of the client fd right after fork() (and the child its copy of the listening fd), or the FIN is never sent.`,
      java: `${open} When read() returns -1 and everything is written, close() the Socket (or call shutdownOutput()).`,
    },
  };
};
