import type { ConformanceTest } from '../../harness/api/conform.js';
import { seedAt, textBytes } from '../common/text-bytes.js';

const clients = 100;

export const sequentialClients: ConformanceTest = {
  id: 'echo.sequential-clients',
  title: `${clients} clients one after another are each echoed`,
  requirement:
    'After a client disconnects, the server MUST go on accepting and serving new clients, for as long as it runs.',
  policy: 'persistent',
  hint: {
    neutral:
      'Accept connections in a loop and close each one when its client is done; the server must not exit, or run out of descriptors or threads, after a client leaves.',
    python:
      "Put accept() in a loop and close each client socket when its client is done; the server must not exit, or run out of descriptors or threads, after a client leaves (recv() returning b'' ends that client only).",
    pythonEvents:
      "Keep the listening socket registered and the selectors loop running when a client leaves, even the last one: unregister and close only that client's socket; the server must not exit when no client is left.",
    node: "Keep the server listening: never call server.close() or process.exit() when a client leaves, and let each socket end (destroy() it on 'error') so that none stays open.",
    c: "Put accept() in a loop and close() each client's fd when its client is done (with fork(), the parent closes its copy and reaps its children); the server must not exit, or run out of descriptors or threads, after a client leaves.",
    java: "Put accept() in a loop and close() each client's Socket when its client is done (try-with-resources); the server must not exit, or run out of threads, after a client leaves.",
  },
  async run(context) {
    await context.run(async (run) => {
      for (let index = 0; index < clients; index += 1) {
        const client = await run.connect();
        const message = Buffer.concat([
          Buffer.from(`client ${index + 1}: `),
          textBytes(16 + (index % 48), seedAt(context.settings.seed, index)),
        ]);
        client.write(message);
        await client.expect(message);
        await client.close();
      }
    });
  },
};
