import type { ConformanceTest } from '../../harness/runner/suite.js';
import { seedAt, textBytes } from '../common/text-bytes.js';

const clients = 64;

export const manyClients: ConformanceTest = {
  id: 'echo.many-clients',
  title: `${clients} clients connected at the same time are all served`,
  requirement: 'The server MUST serve many clients at the same time, each independently of the others.',
  policy: 'persistent',
  hint: 'Serve each client independently: a thread (or process) per client, or one event loop over all sockets (select/poll/epoll, asyncio, Node). Do not cap the number of clients below what the assignment asks.',
  async run(context) {
    await context.run(async (run) => {
      const connections = [];
      for (let index = 0; index < clients; index += 1) connections.push(await run.connect());
      const messages = connections.map((_, index) =>
        Buffer.concat([Buffer.from(`c${index + 1}: `), textBytes(64, seedAt(context.settings.seed, index))]),
      );
      connections.forEach((connection, index) => connection.write(messages[index] as Buffer));
      await Promise.all(
        connections.map((connection, index) => {
          const message = messages[index] as Buffer;
          return connection.expect(message);
        }),
      );
    });
  },
};
