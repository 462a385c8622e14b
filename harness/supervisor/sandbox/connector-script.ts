/**
 * Runs inside a server's network namespace, started by the namespace's first process: makes each
 * connection conform asks for there, and hands the connected socket itself back over the IPC
 * channel. conform then holds the very socket a client in the namespace would: FIN, RST and
 * backpressure reach the server unchanged. The socket reads nothing before it is handed over, so a
 * greeting the server sends at once is conform's to read.
 */
export const connectorScript = `
const net = require('node:net');
process.on('message', ({ id, host, port }) => {
  const socket = net.connect({ host, port, allowHalfOpen: true });
  socket.pause();
  let answered = false;
  socket.once('connect', () => {
    answered = true;
    process.send({ id, ok: true }, socket);
  });
  socket.once('error', (error) => {
    if (answered) return;
    answered = true;
    process.send({ id, ok: false, code: error.code || 'ERROR', message: error.message });
  });
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;
