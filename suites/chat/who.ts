import type { ConformanceTest } from '../../harness/runner/suite.js';
import { ChatSession } from './chat-session.js';

export const who: ConformanceTest = {
  id: 'chat.who',
  title: 'WHO lists every registered nickname, in byte order',
  requirement:
    '`WHO` MUST be answered with exactly one line, `USERS` and every registered nickname in byte order.',
  policy: 'persistent',
  hint: 'Reply with one line: USERS, then every registered nickname (the asker included) sorted by byte order — uppercase before lowercase — separated by single spaces.',
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      await chat.connect('zed');
      await chat.send('zed', 'NICK zed');
      await chat.send('zed', 'WHO');
      for (const [name, nickname] of [
        ['bob', 'bob'],
        ['anna', 'Anna'],
        ['under', '_under'],
        ['digit', '9lives'],
      ] as const) {
        await chat.join(name, nickname);
      }
      await chat.connect('guest');
      await chat.send('bob', 'WHO');
      await chat.send('bob', 'NICK Bob');
      await chat.leave('under', 'close');
      await chat.send('zed', 'WHO');
    });
  },
};
