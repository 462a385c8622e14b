import { createServer, type Server, type Socket } from 'node:net';
import { echo } from './model.js';

/**
 * The reference echo server: every byte a client sends comes back, in order; after the client shuts
 * down its sending side and everything owed is sent, the server closes its side. Backpressure is
 * respected: it stops reading from a client that does not read its echo.
 */
export function createEchoServer(): Server {
  return createServer({ allowHalfOpen: true }, (socket: Socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (!socket.write(echo(chunk))) socket.pause();
    });
    socket.on('drain', () => socket.resume());
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
  });
}
