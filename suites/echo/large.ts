import type { ConformanceTest } from '../../harness/runner/suite.js';
import { largeTextBytes } from '../common/text-bytes.js';

const size = 16 * 1024 * 1024;
const chunk = 64 * 1024;

export const large: ConformanceTest = {
  id: 'echo.large',
  title: '16 MiB written while reading comes back exactly',
  requirement: 'The server MUST echo any amount of data on one connection, not only what fits in one buffer.',
  policy: 'content',
  hint: 'Check every send(): it may write fewer bytes than asked (use sendall or loop), and keep no limit on how much one connection may send.',
  async run(context) {
    const data = largeTextBytes(size, context.settings.seed);
    await context.run(async (run) => {
      const client = await run.connect();
      for (let offset = 0; offset < size; offset += chunk)
        client.write(data.subarray(offset, offset + chunk));
      await client.expect(data);
      client.expectNothingBuffered();
    });
  },
};
