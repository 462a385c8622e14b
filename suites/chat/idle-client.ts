import type { ConformanceTest } from '../../harness/api/conform.js';
import { staySilent } from '../common/silent-client.js';
import { ChatSession } from './chat-session.js';

export const idleClient: ConformanceTest = {
  id: 'chat.idle-client',
  title: 'registered clients that stay silent stay connected',
  requirement:
    'A registered client that sends nothing MUST NOT be disconnected for its silence, however long: it keeps its nickname, hears the others, and is answered when it speaks.',
  policy: 'persistent',
  // Its silence is a wait, not work: begun first, beside the tests that run at once.
  waits: true,
  hint: {
    neutral:
      'A client that sends nothing is still connected: never close a client because no command came from it for a while.',
    python:
      'A client that sends nothing is still connected: no conn.settimeout() that ends it, and with select() a timeout means no data yet, never that the client left.',
    node: "A client that sends nothing is still connected: no socket.setTimeout() whose 'timeout' handler calls end() or destroy() on the socket.",
    c: 'A client that sends nothing is still connected: no SO_RCVTIMEO, and poll() or select() returning 0 means nothing to do, never that a client left.',
    java: 'A client that sends nothing is still connected: no setSoTimeout() on its Socket, or catch SocketTimeoutException and read again.',
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      for (const name of ['alice', 'bob']) await chat.join(name);
      await staySilent(run, [chat.connection('alice'), chat.connection('bob')], performance.now());
      // A rename needs only NICK, the first command a server has: both are heard, and answered.
      await chat.send('alice', 'NICK alice2');
      await chat.send('bob', 'NICK bob2');
    });
  },
};
