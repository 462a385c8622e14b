import { createServer, type Server, type Socket } from 'node:net';
import { LineSplitter } from '../common/line-splitter.js';
import { deliveries, emptyBroadcast, joined, left, type BroadcastState } from './model.js';

/** Lines queued for one client beyond which it is cut off: the protocol asks for at least 1 MiB. */
const maxQueuedBytes = 8 * 1024 * 1024;
/** Longest line accepted, LF excluded; the protocol asks for at least 4096 bytes. */
const maxLineBytes = 64 * 1024;

/**
 * The reference broadcast server: every complete line goes to every other connected client, byte for
 * byte. A client that stops reading gets its lines queued, and is disconnected past 8 MiB, so it
 * never holds up the others.
 */
export function createBroadcastServer(): Server {
  let state: BroadcastState = emptyBroadcast;
  const sockets = new Map<string, Socket>();
  let next = 0;
  return createServer((socket: Socket) => {
    next += 1;
    const name = `client${next}`;
    const lines = new LineSplitter();
    sockets.set(name, socket);
    state = joined(state, name);
    socket.setNoDelay(true);
    const leave = (): void => {
      if (!sockets.delete(name)) return;
      state = left(state, name);
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        const framed = Buffer.concat([line, Buffer.of(0x0a)]);
        for (const delivery of deliveries(state, name, framed)) {
          const receiver = sockets.get(delivery.to);
          if (receiver === undefined) continue;
          receiver.write(delivery.line);
          if (receiver.writableLength > maxQueuedBytes) receiver.destroy();
        }
      }
      if (lines.pendingLength > maxLineBytes) leave();
    });
    socket.on('end', leave);
    socket.on('close', leave);
    socket.on('error', leave);
  });
}
