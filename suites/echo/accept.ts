import type { ConformanceTest } from '../../harness/runner/suite.js';
import { expectAccepted } from '../common/expect-accepted.js';

export const accept: ConformanceTest = {
  id: 'echo.accept',
  title: 'accepts a TCP connection after starting',
  requirement: 'The server MUST accept TCP connections on its port once it has started.',
  policy: 'content',
  hint: 'Call listen() and then accept() on the listening socket; a connection the server never accept()s only waits in the kernel queue.',
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      await expectAccepted(run, client.name);
    });
  },
};
