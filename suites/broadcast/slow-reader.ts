import type { ConformanceTest } from '../../harness/runner/suite.js';
import { Room } from './room.js';

const lineSize = 4096;
/** Enough to fill the slow client's kernel buffers (about 4 MiB on Linux) twice over. */
const lines = 2048;
/** What the server must keep for a client that does not read. */
const keptLines = 256;

export const slowReader: ConformanceTest = {
  id: 'broadcast.slow-reader',
  title: 'a client that stops reading does not hold up the others',
  requirement: 'A client that stops reading MUST NOT delay delivery to the others.',
  policy: 'persistent',
  hint: 'A blocking sendall() to a client that does not read blocks the whole server once its buffers are full. Use non-blocking sockets with a queue per client (or a writer thread per client), and never wait on one client while others are owed lines.',
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob', 'slow']) await room.join(name);
      const slow = room.member('slow');
      slow.pause();
      run.note(`slow stops reading; alice sends ${lines} lines of ${lineSize / 1024} KiB (8 MiB)`);
      const sent: Buffer[] = [];
      // bob reads each batch before the next is sent, so only slow's lines pile up in the server.
      for (let batch = 0; batch < lines / 64; batch += 1) {
        const lines = room.say('alice', 64, { size: lineSize, together: true });
        sent.push(...lines);
        await room.delivered(new Map([['alice', lines]]), ['bob']);
      }
      const answer = room.say('bob', 1);
      await room.delivered(new Map([['bob', answer]]), ['alice']);
      run.note(`slow reads again: at least its first ${keptLines} lines (1 MiB) must be there, in order`);
      slow.resume();
      await room.delivered(new Map([['alice', sent.slice(0, keptLines)]]), ['slow']);
    });
  },
};
