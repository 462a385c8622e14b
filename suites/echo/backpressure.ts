import type { ConformanceTest } from '../../harness/runner/suite.js';
import { largeTextBytes } from '../common/text-bytes.js';

const size = 16 * 1024 * 1024;
const chunk = 64 * 1024;
const stallMs = 1000;

export const backpressure: ConformanceTest = {
  id: 'echo.backpressure',
  title: 'a client that stops reading for a while loses nothing',
  requirement:
    'When a client does not read for a while, the server MUST wait (or buffer) and later deliver everything, in order; it MUST NOT drop data or give up on the client.',
  policy: 'content',
  slow: true,
  hint: 'When the client stops reading, send() blocks or returns EAGAIN / a short count: keep the unsent bytes and send them later; do not time out the client or drop what did not fit.',
  async run(context) {
    const data = largeTextBytes(size, context.settings.seed);
    await context.run(async (run) => {
      const client = await run.connect();
      client.pause();
      for (let offset = 0; offset < size; offset += chunk)
        client.write(data.subarray(offset, offset + chunk));
      run.note(`the client reads nothing for ${stallMs} ms while its data is sent`);
      // The stall is the behaviour under test, not a wait for the server.
      await new Promise((resolve) => setTimeout(resolve, stallMs));
      client.resume();
      await client.expect(data);
      client.expectNothingBuffered();
    });
  },
};
