import type { ConformanceTest } from '../../harness/api/conform.js';
import { Room } from './room.js';

export const joinLeave: ConformanceTest = {
  id: 'broadcast.join-leave',
  title: 'newcomers get no history; leavers, clean or reset, disturb no one',
  requirement:
    'A client MUST receive only lines sent after it connected (no history), and a client that disconnects, cleanly or by a reset, MUST NOT disturb the others.',
  policy: 'persistent',
  hint: {
    neutral:
      'Add a client to the list when it connects and remove it when its connection ends or fails (a reset): handle the failure, close that connection only, and go on. Never replay old lines to a newcomer.',
    python:
      "Add a socket to the list when it connects and remove it when recv() returns b'' or fails (ECONNRESET): catch ConnectionResetError, close that socket only, and go on. Never replay old lines to a newcomer.",
    node: "Add a socket to the set on 'connection' and remove it once, on 'close' (which follows both 'end' and 'error'), and listen for 'error' so that a reset ends nothing else. Never replay old lines to a newcomer.",
    c: 'Add an fd to the list when accept() returns it and remove it when read() returns 0 or fails (ECONNRESET): close() that fd only, and go on. Never replay old lines to a newcomer.',
    java: 'Add a client to the list when accept() returns it and remove it when read() returns -1 or throws an IOException (a reset): close that Socket only, and go on. Never replay old lines to a newcomer.',
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob']) await room.join(name);
      const before = room.say('alice', 2);
      await room.delivered(new Map([['alice', before]]));

      await room.join('carol');
      const after = room.say('alice', 1);
      await room.delivered(new Map([['alice', after]]));

      await room.leave('bob', 'close');
      const third = room.say('carol', 1);
      await room.delivered(new Map([['carol', third]]));

      await room.join('dave');
      await room.leave('dave', 'reset');
      await room.join('erin');
      room.member('erin').pause();
      const burst = room.say('alice', 64, { size: 4096, together: true });
      await room.delivered(new Map([['alice', burst]]), ['carol']);
      run.note('erin resets while the server may still be sending her 256 KiB');
      await room.leave('erin', 'reset');

      const later = room.say('alice', 1);
      await room.delivered(new Map([['alice', later]]));
      await room.join('frank');
      const last = room.say('frank', 1);
      await room.delivered(new Map([['frank', last]]));
      await room.expectNothingMore();
    });
  },
};
