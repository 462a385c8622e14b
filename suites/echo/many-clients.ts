import type { ConformanceTest } from '../../harness/api/conform.js';
import { everyClient } from '../common/every-client.js';
import { seedAt, textBytes } from '../common/text-bytes.js';

const clients = 64;

export const manyClients: ConformanceTest = {
  id: 'echo.many-clients',
  title: `${clients} clients connected at the same time are all served`,
  requirement: 'The server MUST serve many clients at the same time, each independently of the others.',
  policy: 'persistent',
  hint: {
    neutral:
      'Serve each client independently: a thread or process per client, or one event loop over all connections. Do not cap the number of clients below what the assignment asks.',
    python:
      'Serve each client independently: a threading.Thread per client (not a pool of fixed size), or one selectors loop over all sockets. Do not cap the number of clients below what the assignment asks.',
    pythonEvents:
      'Register every accepted socket with the one selectors loop, and keep no fixed-size table of clients. Do not cap the number of clients below what the assignment asks.',
    node: "Handle every 'connection' on its own, whatever their number. Do not cap the number of clients below what the assignment asks (no server.maxConnections, no counter that refuses clients).",
    c: 'Serve each client independently: a thread (or fork()) per client, or one poll() loop over all fds. Do not cap the number of clients below what the assignment asks (no fixed array of a few slots).',
    cEvents:
      'Add every accepted fd to the poll() set, in a table that grows as clients come. Do not cap the number of clients below what the assignment asks (no fixed array of a few slots).',
    java: 'Serve each client independently: a new Thread per client (or an unbounded ExecutorService), not a fixed pool. Do not cap the number of clients below what the assignment asks.',
    javaEvents:
      'Register every accepted SocketChannel with the one Selector loop. Do not cap the number of clients below what the assignment asks.',
  },
  async run(context) {
    await context.run(async (run) => {
      const connections = [];
      for (let index = 0; index < clients; index += 1) connections.push(await run.connect());
      const messages = connections.map((_, index) =>
        Buffer.concat([Buffer.from(`c${index + 1}: `), textBytes(64, seedAt(context.settings.seed, index))]),
      );
      connections.forEach((connection, index) => connection.write(messages[index] as Buffer));
      await everyClient(
        connections.map((connection, index) => {
          const message = messages[index] as Buffer;
          return connection.expect(message);
        }),
      );
    });
  },
};
