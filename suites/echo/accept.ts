import type { ConformanceTest } from '../../harness/api/conform.js';
import { expectAccepted } from '../common/expect-accepted.js';

export const accept: ConformanceTest = {
  id: 'echo.accept',
  title: 'accepts a TCP connection after starting',
  requirement: 'The server MUST accept TCP connections on its port once it has started.',
  policy: 'content',
  hint: {
    neutral:
      'Listen on the port and accept every incoming connection; a connection the server never accepts only waits in the kernel queue.',
    python:
      'After bind() and listen() on the socket.socket, call accept() in a loop, before any other blocking call (such as input()); a connection the server never accept()s only waits in the kernel queue.',
    node: 'Call server.listen(port) on the net.createServer() server and keep the event loop free: Node accepts connections only between callbacks, so a busy loop or a synchronous wait lets none in.',
    c: 'After bind() and listen(), call accept() on the listening fd in a loop, before any other blocking call; a connection the server never accept()s only waits in the kernel queue.',
    java: 'Create the ServerSocket on the port and call accept() in a loop, before any other blocking call; a connection the server never accept()s only waits in the kernel queue.',
  },
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      await expectAccepted(run, client.name);
    });
  },
};
