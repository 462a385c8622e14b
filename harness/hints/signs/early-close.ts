import type { Sign } from '../sign.js';
import { had } from './connection-events.js';

/** The server closed a client before sending all it owed, after that client half-closed. */
export const closedAfterHalfClose: Sign = ({ details, events, exit }) => {
  const conn = details.conn;
  if (exit !== undefined || details.kind !== 'eof' || conn === undefined || !had(events, conn, 'end'))
    return undefined;
  const closed = `The server closed ${conn} as soon as ${conn} half-closed, before sending back everything owed.`;
  return {
    cause: 'closed-after-half-close',
    hint: {
      neutral: `${closed} A half-close means the client has finished sending, not that it stopped reading: send all that is still owed, then close.`,
      python: `${closed} recv() returning b'' means the client has finished sending, not that it stopped reading: sendall() what is still owed, then close the socket.`,
      pythonEvents: `${closed} A read returning b'' means the client has finished sending: stop reading from it, but keep it until its output queue is empty, then close it.`,
      node: `${closed} 'end' means the client has finished sending: do not destroy() the socket there. Write what is still owed and then call end() (with allowHalfOpen: true, end() once your writes are done).`,
      c: `${closed} read() returning 0 means the client has finished sending, not that it stopped reading: write everything still owed (loop until all is written), then close().`,
      cEvents: `${closed} read() returning 0 means the client has finished sending: stop polling it for POLLIN, but keep it until its pending output is written, then close().`,
      java: `${closed} read() returning -1 means the client has finished sending: write and flush() everything still owed before close().`,
    },
  };
};

/** The server closed a client early, without the client having half-closed. */
export const closedEarly: Sign = ({ details, exit }) => {
  const conn = details.conn;
  if (exit !== undefined || details.kind !== 'eof' || conn === undefined) return undefined;
  const closed = `The server closed ${conn} before sending everything it owed.`;
  return {
    cause: 'closed-early',
    hint: {
      neutral: `${closed} Send every byte (a write may send only part of what it is given) and close a client only after it has closed its side.`,
      python: `${closed} send() may send only part of what it is given: use sendall(), and close the socket only after recv() returns b''.`,
      pythonEvents: `${closed} Keep what send() could not take in the client's output queue and close only once the queue is empty and the client has closed its side.`,
      node: `${closed} Call end() only after the client's 'end' and after your last write(); destroy() throws away what is still queued.`,
      c: `${closed} write() may write less than asked: loop until every byte is written, and close() only after read() returns 0.`,
      java: `${closed} flush() the OutputStream, and close the socket only after read() returns -1.`,
    },
  };
};
