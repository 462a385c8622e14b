import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const nick: ConformanceTest = {
  id: 'chat.nick',
  title: 'nicknames: invalid ones refused, taken ones refused, renames announced',
  requirement:
    'The server MUST refuse invalid nicknames with `ERR nick-invalid` and nicknames in use with `ERR nick-taken`, and a registered client that changes its nickname MUST be announced to everyone as `RENAMED <old> <new>`.',
  policy: 'persistent',
  hint: {
    neutral:
      'A nickname is 1 to 16 of A-Z a-z 0-9 _ - and is compared exactly. Check validity first, then whether any registered client (the sender too) holds it; a rename frees the old name and is announced to everyone, the sender included.',
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      await chat.connect('alice');
      await chat.connect('bob');
      for (const bad of [
        'NICK',
        'NICK ',
        'NICK al ice',
        'NICK al!ce',
        'NICK seventeen_chars__',
        'NICK éve',
        'NICK  alice',
      ]) {
        await chat.send('alice', bad);
      }
      await chat.send('alice', 'NICK alice');
      await chat.send('bob', 'NICK alice');
      await chat.send('alice', 'NICK alice');
      await chat.send('bob', 'NICK Alice');
      await chat.send('alice', 'NICK sixteen_chars-_1');
      await chat.send('alice', 'NICK a');
      await chat.send('bob', 'NICK sixteen_chars-_1');
      await chat.send('bob', 'NICK alice');
      await chat.send('alice', 'NICK Alice');
    });
  },
};
