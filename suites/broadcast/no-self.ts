import type { ConformanceTest } from '../../harness/api/conform.js';
import { Room } from './room.js';

export const noSelf: ConformanceTest = {
  id: 'broadcast.no-self',
  title: 'a client never gets its own lines back',
  requirement: "The server MUST NOT send a client's line back to that client.",
  policy: 'persistent',
  hint: {
    neutral:
      'When relaying a line, skip the client it came from: compare each receiver with the sender before sending.',
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'forbidden');
      for (const name of ['alice', 'bob']) await room.join(name);
      const said = room.say('alice', 2);
      await room.delivered(new Map([['alice', said]]), ['bob']);
      // bob answers after he has alice's lines: an echo of hers would reach her before his answer.
      const answer = room.say('bob', 1);
      await room.delivered(new Map([['bob', answer]]), ['alice']);
      // Nothing else can prove that no more lines are on their way.
      await room.expectNothingMore({ quiet: true });
    });
  },
};
