import type { ConformanceTest } from '../../harness/api/conform.js';
import { Room } from './room.js';

const clients = 32;

export const manyClients: ConformanceTest = {
  id: 'broadcast.many-clients',
  title: `${clients} clients at once all hear each other`,
  requirement: 'The server MUST serve at least 32 clients at once, relaying every line to all the others.',
  policy: 'persistent',
  hint: {
    neutral:
      'Do not limit the number of clients below what the assignment asks, and serve them all at once: a thread per client, or one event loop over every connection.',
    python:
      'Do not limit the number of clients below what the assignment asks, and serve them all at once: a threading.Thread per client, or one selectors loop over every socket.',
    node: 'Do not limit the number of clients below what the assignment asks (no server.maxConnections), and relay each line to every other socket in the set.',
    c: 'Do not limit the number of clients below what the assignment asks (no fixed array of a few slots), and serve them all at once: a thread per client, or one poll() loop over every fd.',
    java: 'Do not limit the number of clients below what the assignment asks (no fixed thread pool), and serve them all at once: a Thread per client, or one Selector over every channel.',
  },
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
