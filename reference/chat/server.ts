import { createServer, type Server, type Socket } from 'node:net';
import { LineSplitter } from '../common/line-splitter.js';
import { connected, disconnected, emptyChat, received, type ChatState, type Output } from './model.js';

/** Longest line accepted, line end excluded: the protocol asks for 4096 bytes. */
const maxLineBytes = 4096;
const cr = 0x0d;
const maxQueuedBytes = 8 * 1024 * 1024;

/** The reference chat server: the chat model, fed line by line from real connections. */
export function createChatServer(): Server {
  let state: ChatState = emptyChat;
  const sockets = new Map<string, Socket>();
  let next = 0;
  const send = (outputs: readonly Output[]): void => {
    for (const output of outputs) {
      const socket = sockets.get(output.to);
      if (socket === undefined || socket.destroyed) continue;
      socket.write(`${output.line}\n`);
      if (socket.writableLength > maxQueuedBytes) socket.destroy();
    }
  };
  return createServer((socket: Socket) => {
    next += 1;
    const name = `client${next}`;
    const lines = new LineSplitter();
    let open = true;
    sockets.set(name, socket);
    state = connected(state, name);
    socket.setNoDelay(true);
    const leave = (): void => {
      if (!open) return;
      open = false;
      const step = disconnected(state, name);
      // The nickname is free before LEFT goes out.
      state = step.state;
      sockets.delete(name);
      send(step.outputs);
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        if (!open) return;
        const step = received(state, name, line.toString('utf8'));
        state = step.state;
        send(step.outputs);
        if (step.closes === name) {
          open = false;
          sockets.delete(name);
          socket.end();
          socket.pause();
          return;
        }
      }
      // A CR may be the start of a CRLF whose LF is still on its way: it is not part of the line.
      const lineEnd = lines.lastPendingByte === cr ? 1 : 0;
      if (lines.pendingLength - lineEnd > maxLineBytes) leave();
    });
    socket.on('end', leave);
    socket.on('close', leave);
    socket.on('error', leave);
  });
}
