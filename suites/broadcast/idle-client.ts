import type { ConformanceTest } from '../../harness/api/conform.js';
import { staySilent } from '../common/silent-client.js';
import { Room } from './room.js';

export const idleClient: ConformanceTest = {
  id: 'broadcast.idle-client',
  title: 'clients that stay silent stay connected',
  requirement:
    'A client that sends nothing MUST NOT be disconnected for its silence, however long: it still receives every line, and its lines are relayed when it speaks.',
  policy: 'persistent',
  // Its silence is a wait, not work: begun first, beside the tests that run at once.
  waits: true,
  hint: {
    neutral:
      'A client that sends nothing is still connected: never close a client because no line came from it for a while.',
    python:
      'A client that sends nothing is still connected: no conn.settimeout() that ends it, and with select() a timeout means no data yet, never that the client left.',
    node: "A client that sends nothing is still connected: no socket.setTimeout() whose 'timeout' handler calls end() or destroy() on the socket.",
    c: 'A client that sends nothing is still connected: no SO_RCVTIMEO, and poll() or select() returning 0 means nothing to do, never that a client left.',
    java: 'A client that sends nothing is still connected: no setSoTimeout() on its Socket, or catch SocketTimeoutException and read again.',
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob']) await room.join(name);
      await staySilent(run, [room.member('alice'), room.member('bob')], performance.now());
      await room.delivered(new Map([['alice', room.say('alice', 1)]]), ['bob']);
      await room.delivered(new Map([['bob', room.say('bob', 1)]]), ['alice']);
    });
  },
};
