import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const who: ConformanceTest = {
  id: 'chat.who',
  title: 'WHO lists every registered nickname, in byte order',
  requirement:
    '`WHO` MUST be answered with exactly one line, `USERS` and every registered nickname in byte order.',
  policy: 'persistent',
  hint: {
    neutral:
      'Reply with one line: USERS, then every registered nickname (the asker included) sorted by byte order — uppercase before lowercase — separated by single spaces.',
    python:
      'Reply with one line: USERS, then every registered nickname (the asker included) in sorted() order with no key (key=str.lower interleaves the cases), joined by single spaces.',
    node: 'Reply with one line: USERS, then every registered nickname (the asker included) in sort() order with no compare function (localeCompare interleaves the cases), joined by single spaces.',
    c: 'Reply with one line: USERS, then every registered nickname (the asker included) sorted with qsort() and strcmp() (not strcasecmp()), separated by single spaces.',
    java: "Reply with one line: USERS, then every registered nickname (the asker included) in String's natural order (Collections.sort, no CASE_INSENSITIVE_ORDER or Collator), joined by single spaces.",
  },
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
