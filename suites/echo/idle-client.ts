import type { ConformanceTest } from '../../harness/runner/suite.js';

export const idleClient: ConformanceTest = {
  id: 'echo.idle-client',
  title: 'a connected client that sends nothing does not block others',
  requirement:
    'A client that is connected but sends nothing MUST NOT delay the service of other clients, and MUST itself be served when it finally sends.',
  policy: 'persistent',
  hint: 'The server waits in recv() for one client while others queue up. Serve clients concurrently (threads, or select/poll over all sockets) so one silent client cannot block the rest.',
  async run(context) {
    await context.run(async (run) => {
      const idle = await run.connect('idle');
      run.note('idle sends nothing while others are served');
      for (const name of ['c1', 'c2', 'c3']) {
        const client = await run.connect(name);
        const message = Buffer.from(`${name} is served while idle waits`);
        client.write(message);
        await client.expect(message);
        await client.close();
      }
      const late = Buffer.from('idle speaks at last');
      idle.write(late);
      await idle.expect(late);
    });
  },
};
