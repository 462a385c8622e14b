import { Finding } from '../../harness/checkers/finding.js';
import type { ConformanceTest } from '../../harness/runner/suite.js';

const pollMs = 5;

export const accept: ConformanceTest = {
  id: 'echo.accept',
  title: 'accepts a TCP connection after starting',
  requirement: 'The server MUST accept TCP connections on its port once it has started.',
  policy: 'content',
  hint: 'Call listen() and then accept() on the listening socket; a connection the server never accept()s only waits in the kernel queue.',
  async run(context) {
    await context.run(async (run) => {
      await run.connect();
      const deadline = performance.now() + run.settings.replyTimeoutMs;
      // The kernel completes the handshake by itself; only the listen queue shows whether accept() was called.
      for (;;) {
        const queued = await run.acceptQueue();
        if (queued === undefined || queued === 0) return;
        if (performance.now() > deadline) {
          throw new Finding({
            kind: 'not-accepted',
            conn: 'c1',
            message: `c1 connected, but the server did not accept() the connection within ${run.settings.replyTimeoutMs} ms (it is still waiting in the listen queue)`,
            outcome: 'connected, but never accepted by the server',
          });
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    });
  },
};
