import { createServer, type Server, type Socket } from 'node:net';
import { LineSplitter } from '../../reference/common/line-splitter.js';
import type { LineEvent, LineModel } from './line-model.js';

/**
 * A TCP server that behaves as `model` says: clients are named c1, c2, ... as they connect, every
 * line they send (cut at each LF, a CR before it dropped where lines end in CRLF) is a step of the
 * model, and each client gets the lines the model gives it, then is closed if the model closes it.
 */
export function createLineModelServer<State>(model: LineModel<State>, ending: '\n' | '\r\n' = '\n'): Server {
  let state = model.initial();
  const sockets = new Map<string, Socket>();
  let opened = 0;
  const apply = (event: LineEvent): void => {
    const step = model.step(state, event);
    state = step.state;
    for (const [client, lines] of Object.entries(step.send ?? {})) {
      const socket = sockets.get(client);
      if (socket !== undefined && lines.length > 0)
        socket.write(lines.map((line) => `${line}${ending}`).join(''));
    }
    for (const client of step.close ?? []) {
      const socket = sockets.get(client);
      sockets.delete(client);
      socket?.end();
    }
  };
  return createServer((socket) => {
    opened += 1;
    const client = `c${opened}`;
    const lines = new LineSplitter();
    sockets.set(client, socket);
    socket.setNoDelay(true);
    apply({ kind: 'connect', client });
    const leave = (kind: 'close' | 'reset'): void => {
      if (!sockets.delete(client)) return;
      socket.destroy();
      apply({ kind, client });
    };
    socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        if (!sockets.has(client)) return;
        const text = line.toString('utf8');
        apply({ kind: 'line', client, line: ending === '\r\n' ? text.replace(/\r$/, '') : text });
      }
    });
    socket.on('end', () => leave('close'));
    socket.on('error', () => leave('reset'));
    socket.on('close', () => leave('close'));
  });
}
