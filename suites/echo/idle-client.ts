import type { ConformanceTest } from '../../harness/api/conform.js';
import { staySilent } from '../common/silent-client.js';

export const idleClient: ConformanceTest = {
  id: 'echo.idle-client',
  title: 'a connected client that sends nothing does not block others',
  requirement:
    'A client that is connected but sends nothing MUST NOT delay the service of other clients, MUST NOT be disconnected for its silence, however long, and MUST itself be served when it finally sends.',
  policy: 'persistent',
  // Its silence is a wait, not work: begun first, beside the tests that run at once.
  waits: true,
  hint: {
    neutral:
      'The server waits for one client to send while others queue up. Serve clients concurrently (a thread per client, or one event loop over all connections) so one silent client cannot block the rest.',
    python:
      'The server waits in recv() for one client while others queue up. Serve clients at once (a threading.Thread per client, or one selectors loop over all sockets) so one silent client cannot block the rest.',
    pythonEvents:
      'The loop waits in recv() on one client while others queue up: call recv() only on sockets the selector reports readable, once per event, so one silent client cannot block the rest.',
    node: "Something waits for one client before serving the others (a synchronous loop, or an await on one client's data): let each 'connection' handler run on its own so one silent client cannot block the rest.",
    c: 'The server blocks in read() on one client while others queue up. Serve clients at once (a thread or fork() per client, or one poll() loop over all fds) so one silent client cannot block the rest.',
    cEvents:
      'The loop blocks in read() on one client while others queue up: read() only fds poll() reports POLLIN for, once per event, so one silent client cannot block the rest.',
    java: 'The server blocks in read() on one client while others queue up. Start a Thread for each accepted Socket so one silent client cannot block the rest.',
    javaEvents:
      'The loop blocks on one client while others queue up: configureBlocking(false) on every SocketChannel and read only those the Selector reports readable, so one silent client cannot block the rest.',
  },
  async run(context) {
    await context.run(async (run) => {
      const idle = await run.connect('idle');
      const since = performance.now();
      run.note('idle sends nothing while others are served');
      for (const name of ['c1', 'c2', 'c3']) {
        const client = await run.connect(name);
        const message = Buffer.from(`${name} is served while idle waits`);
        client.write(message);
        await client.expect(message);
        await client.close();
      }
      await staySilent(run, [idle], since);
      const late = Buffer.from('idle speaks at last');
      idle.write(late);
      await idle.expect(late);
    });
  },
};
