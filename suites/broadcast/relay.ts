import type { ConformanceTest } from '../../harness/api/conform.js';
import { Room } from './room.js';

export const relay: ConformanceTest = {
  id: 'broadcast.relay',
  title: 'a line reaches every other client, exactly once',
  requirement:
    'Every complete line a client sends MUST be delivered, byte for byte with its LF, to every other client connected at that time, exactly once.',
  policy: 'persistent',
  hint: {
    neutral:
      'Keep a list of connected clients; when a line is complete, send it to each of them except its sender, once. Remove clients from the list when they leave.',
    python:
      "Keep a list of connected sockets; when a line is complete, sendall() it to each of them except its sender, once. Remove a socket from the list when recv() returns b'' or fails.",
    node: "Keep a Set of connected sockets (add on 'connection', delete on 'close'); when a line is complete, write() it to each of them except its sender, once.",
    c: 'Keep an array of connected client fds; when a line is complete, write() it whole to each of them except its sender, once. Remove an fd from the array when read() returns 0 or fails.',
    java: "Keep a synchronized list of the clients' OutputStreams; when a line is complete, write() and flush() it to each of them except its sender, once. Remove a client when its read() returns -1 or throws.",
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'forbidden');
      for (const name of ['alice', 'bob', 'carol']) await room.join(name);
      for (const sender of room.names) {
        const lines = room.say(sender, 2);
        await room.delivered(new Map([[sender, lines]]));
      }
      const together = room.say('carol', 3, { together: true });
      await room.delivered(new Map([['carol', together]]));
      run.note('lines are relayed byte for byte: trailing spaces, a CR before the LF, an empty line');
      const exact = [' ends in spaces   ', ' ends in a CR\r', ''].map((text) =>
        room.sayExactly('alice', text),
      );
      await room.delivered(new Map([['alice', exact]]));
      await room.expectNothingMore();
    });
  },
};
