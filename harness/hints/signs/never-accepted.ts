import type { Sign } from '../sign.js';

/** Clients got nothing, and connections sat in the listen queue: the server does not call accept(). */
export const neverAccepted: Sign = ({ details, events, exit, unaccepted }) => {
  if (exit !== undefined || unaccepted === undefined || unaccepted === 0) return undefined;
  if (details.kind !== 'timeout' && details.kind !== 'not-closed' && details.kind !== 'not-accepted')
    return undefined;
  // Every connection made is still waiting: not one was accepted.
  const connections = events.filter((event) => event.kind === 'connect').length;
  if (unaccepted < connections || events.some((event) => event.kind === 'read')) return undefined;
  const waiting = `No client got a byte back, and ${unaccepted === 1 ? 'a connection was' : `${unaccepted} connections were`} still waiting in the listen queue: the server never accept()ed them.`;
  return {
    cause: 'never-accepted',
    hint: {
      neutral: `${waiting} The kernel completes the handshake by itself; the server must accept each connection before it can read from it.`,
      python: `${waiting} Call conn, addr = server.accept() (in a loop) and recv() from conn, not from the listening socket.`,
      node: `${waiting} Handle clients in net.createServer((socket) => …) or the 'connection' event, and call listen() once.`,
      c: `${waiting} Call accept() on the listening fd (in a loop) and read from the fd it returns, not from the listening one.`,
      java: `${waiting} Call serverSocket.accept() in a loop and read from the Socket it returns.`,
    },
  };
};
