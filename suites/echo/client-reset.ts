import type { ConformanceTest } from '../../harness/runner/suite.js';
import { expectAccepted } from '../common/expect-accepted.js';
import { textBytes } from '../common/text-bytes.js';

const bulk = 1024 * 1024;

export const clientReset: ConformanceTest = {
  id: 'echo.client-reset',
  title: 'clients that reset or vanish mid-transfer disturb no one',
  requirement:
    'A client that resets its connection (RST) or disappears mid-transfer MUST NOT disturb other clients or the acceptance of new ones.',
  policy: 'persistent',
  hint: 'recv() and send() fail with ECONNRESET or EPIPE (in Python: ConnectionResetError, BrokenPipeError) when a client resets: catch it, close that client only, and carry on. Ignore SIGPIPE in C (or use MSG_NOSIGNAL).',
  async run(context) {
    await context.run(async (run) => {
      const steady = await run.connect('steady');
      const first = Buffer.from('steady before the resets');
      steady.write(first);
      await steady.expect(first);

      // Each troublemaker is accepted before it misbehaves: a connection reset while still in the
      // listen queue may never reach the server at all.
      const mid = await run.connect('mid');
      await expectAccepted(run, 'mid');
      mid.pause();
      mid.write(textBytes(bulk, context.settings.seed));
      run.note('mid resets while the server is still echoing its 1 MiB');
      await mid.sentOrStalled();
      mid.reset();

      const abrupt = await run.connect('abrupt');
      await expectAccepted(run, 'abrupt');
      abrupt.reset();

      const vanish = await run.connect('vanish');
      await expectAccepted(run, 'vanish');
      vanish.pause();
      vanish.write(textBytes(64 * 1024, context.settings.seed + 1));
      run.note('vanish closes with echoed data unread, so its kernel answers with RST');
      await vanish.sentOrStalled();
      await vanish.close();

      const second = Buffer.from('steady after the resets');
      steady.write(second);
      await steady.expect(second);

      const fresh = await run.connect('fresh');
      const hello = Buffer.from('a new client after the resets');
      fresh.write(hello);
      await fresh.expect(hello);
    });
  },
};
