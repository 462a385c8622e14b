import type { ConformanceTest } from '../../harness/runner/suite.js';

const message = Buffer.from('Hello, world');

export const singleMessage: ConformanceTest = {
  id: 'echo.single-message',
  title: 'one short message comes back unchanged',
  requirement:
    'Every byte the server receives on a connection MUST be sent back on that connection, without waiting for more data.',
  policy: 'content',
  hint: 'Send back what recv() returned as soon as it returns; do not wait for a full buffer, a newline or the end of the connection.',
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      client.write(message);
      await client.expect(message);
      client.expectNothingBuffered();
    });
  },
};
