import type { ConformanceTest } from '../../harness/api/conform.js';
import { expectAccepted } from '../common/expect-accepted.js';
import { textBytes } from '../common/text-bytes.js';

const bulk = 1024 * 1024;

export const clientReset: ConformanceTest = {
  id: 'echo.client-reset',
  title: 'clients that reset or vanish mid-transfer disturb no one',
  requirement:
    'A client that resets its connection (RST) or disappears mid-transfer MUST NOT disturb other clients or the acceptance of new ones.',
  policy: 'persistent',
  hint: {
    neutral:
      "When a client resets, reads and writes on its connection fail: handle that failure, close that client only, and carry on. One client's error must never end the server or stop it accepting.",
    python:
      'recv() and sendall() raise ConnectionResetError or BrokenPipeError (both OSError) when a client resets: catch them for each client, close that socket only, and carry on.',
    pythonEvents:
      'recv() and send() raise ConnectionResetError or BrokenPipeError when a client resets: catch them wherever the loop touches a client, unregister and close that socket only, and keep the loop running.',
    node: "A reset emits 'error' (ECONNRESET or EPIPE) on that socket, and an 'error' with no listener ends the process: add socket.on('error', …) for every client and destroy() only that socket.",
    c: 'read() and write() fail with ECONNRESET or EPIPE when a client resets: close() that fd only and carry on. Ignore SIGPIPE (signal(SIGPIPE, SIG_IGN)) or send() with MSG_NOSIGNAL, or the first write to a gone client kills the server.',
    java: "read() and write() throw an IOException (a SocketException) when a client resets: catch it in that client's Thread, close that Socket only, and keep accepting.",
  },
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
