import type { ConformanceTest } from '../../harness/runner/suite.js';
import { largeTextBytes } from '../common/text-bytes.js';

const short = Buffer.from('last words before FIN');
const owedSize = 12 * 1024 * 1024;

export const halfClose: ConformanceTest = {
  id: 'echo.half-close',
  title: 'after the client shuts down sending, everything owed arrives, then the server closes',
  requirement:
    'When the client shuts down its sending side, the server MUST still send back every byte it received, and then close the connection.',
  policy: 'content',
  hint: 'recv() returning 0 means the client will send nothing more, not that it stopped reading: finish sending everything still owed, then close the socket. Never loop on a recv() that returned 0.',
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      client.write(short);
      client.end();
      await client.expect(short);
      await client.expectEof();
    });
    const owed = largeTextBytes(owedSize, context.settings.seed);
    await context.run(async (run) => {
      const client = await run.connect();
      client.pause();
      client.write(owed);
      client.end();
      run.note(
        'the client starts reading only once the server has read its data and FIN, or stopped reading',
      );
      // A server that blocks on a client that does not read stops reading too, so sending may stall:
      // either way the client then reads, and a correct server passes.
      await client.sentOrStalled();
      // Only a server that has read the FIN can act on it: wait until it has read what it can.
      await run.serverCaughtUp(client);
      client.resume();
      await client.expect(owed);
      await client.expectEof();
    });
  },
};
