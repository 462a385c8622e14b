import type { ConformanceTest } from '../../harness/runner/suite.js';
import { Room } from './room.js';

const perSender = 200;

export const order: ConformanceTest = {
  id: 'broadcast.order',
  title: "each sender's lines arrive in the order sent",
  requirement: 'Lines from one sender MUST arrive at each receiver in the order they were sent.',
  policy: 'persistent',
  hint: 'Relay lines in the order they are completed, and keep one queue per receiver; do not hand each line to a thread of its own.',
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob', 'carol']) await room.join(name);
      run.note(`alice and bob each send ${perSender} lines at once, in writes of 20 lines`);
      const sent = new Map<string, Buffer[]>([
        ['alice', []],
        ['bob', []],
      ]);
      for (let batch = 0; batch < perSender / 20; batch += 1) {
        for (const sender of ['alice', 'bob'])
          sent.get(sender)?.push(...room.say(sender, 20, { together: true }));
      }
      await room.delivered(sent);
      await room.expectNothingMore();
    });
  },
};
