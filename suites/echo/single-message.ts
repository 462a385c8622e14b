import type { ConformanceTest } from '../../harness/api/conform.js';

const message = Buffer.from('Hello, world');

export const singleMessage: ConformanceTest = {
  id: 'echo.single-message',
  title: 'one short message comes back unchanged',
  requirement:
    'Every byte the server receives on a connection MUST be sent back on that connection, without waiting for more data.',
  policy: 'content',
  hint: {
    neutral:
      'Send back whatever a read returned as soon as it returns; do not wait for a full buffer, a newline or the end of the connection.',
    python:
      'sendall() what recv() returned as soon as it returns; do not wait for a full buffer, a newline or the end of the connection.',
    node: "Write each 'data' chunk back with socket.write() as soon as it arrives; do not collect chunks until a newline or the client's 'end'.",
    c: 'write(fd, buf, n) the n bytes read() returned as soon as it returns; do not wait for a full buffer, a newline or the end of the connection (and no stdio FILE* without fflush()).',
    java: 'Write back what read() returned, write(buf, 0, n), and flush() at once; do not wait for a full buffer, a newline (readLine()) or the end of the connection.',
  },
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      client.write(message);
      await client.expect(message);
      client.expectNothingBuffered();
    });
  },
};
