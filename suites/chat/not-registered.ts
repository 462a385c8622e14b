import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const notRegistered: ConformanceTest = {
  id: 'chat.not-registered',
  title: 'clients without a nickname may not talk and hear nothing',
  requirement:
    '`MSG`, `TELL` and `WHO` from a client that has not registered MUST be answered with `ERR not-registered`, and such a client MUST NOT receive what registered clients say.',
  policy: 'persistent',
  hint: {
    neutral:
      'Check registration before anything else for MSG, TELL and WHO (even before checking the arguments), and relay JOINED, MSG, RENAMED and LEFT only to clients that have a nickname.',
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      await chat.connect('alice');
      await chat.send('alice', 'NICK alice');
      await chat.connect('guest');
      for (const line of ['MSG hello', 'MSG', 'TELL alice hi', 'TELL', 'WHO', 'WHO now'])
        await chat.send('guest', line);
      await chat.connect('bob');
      await chat.send('bob', 'NICK bob');
      await chat.send('alice', 'MSG can the guest hear this?');
      await chat.send('bob', 'NICK robert');
      await chat.send('guest', 'NICK guest');
      await chat.send('alice', 'MSG now it can');
      await chat.leave('bob', 'close');
    });
  },
};
