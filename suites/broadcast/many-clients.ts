import type { ConformanceTest } from '../../harness/runner/suite.js';
import { Room } from './room.js';

const clients = 32;

export const manyClients: ConformanceTest = {
  id: 'broadcast.many-clients',
  title: `${clients} clients at once all hear each other`,
  requirement: 'The server MUST serve at least 32 clients at once, relaying every line to all the others.',
  policy: 'persistent',
  hint: 'Do not limit the number of clients below what the assignment asks, and serve them all at once: a thread per client, or one select()/poll() loop over every socket.',
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (let index = 1; index <= clients; index += 1) await room.join(`c${index}`);
      run.note('every client sends one line at the same time');
      const sent = new Map(room.names.map((name) => [name, room.say(name, 1)]));
      await room.delivered(sent);
      await room.expectNothingMore();
    });
  },
};
