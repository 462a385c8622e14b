import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const errors: ConformanceTest = {
  id: 'chat.errors',
  title: 'unknown and malformed commands get the right ERR',
  requirement:
    'Unknown command words MUST be answered with `ERR unknown-command` and malformed commands with `ERR syntax`; command words are case-sensitive.',
  policy: 'persistent',
  hint: {
    neutral:
      'The command word is everything up to the first space, compared exactly (nick is not NICK). MSG and TELL need every part, non-empty; WHO and QUIT take no argument at all, not even a trailing space.',
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      await chat.connect('guest');
      for (const line of ['HELLO', 'nick guest', ' NICK guest', 'QUIT now', 'QUIT '])
        await chat.send('guest', line);
      await chat.connect('alice');
      await chat.send('alice', 'NICK alice');
      for (const line of [
        'msg hi',
        'Msg hi',
        'MSG',
        'MSG ',
        'TELL',
        'TELL alice',
        'TELL alice ',
        'TELL  alice hi',
        'WHO ',
        'WHO alice',
        'QUIT please',
        'MSGhi',
        '???',
      ]) {
        await chat.send('alice', line);
      }
    });
  },
};
