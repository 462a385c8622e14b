import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const register: ConformanceTest = {
  id: 'chat.register',
  title: 'NICK registers: WELCOME to the client, JOINED to the others',
  requirement:
    'A client that sends `NICK` with a valid, free nickname MUST receive `WELCOME <nick>`, and every other registered client `JOINED <nick>`.',
  policy: 'persistent',
  hint: {
    neutral:
      'On a valid, free NICK from a client without a nickname: reply WELCOME <nick> to it, then send JOINED <nick> to every other client that has a nickname (not to clients still without one).',
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      await chat.connect('alice');
      await chat.send('alice', 'NICK alice');
      await chat.connect('bob');
      await chat.connect('lurker');
      await chat.send('bob', 'NICK bob');
      await chat.connect('carol');
      await chat.send('carol', 'NICK carol_-9');
    });
  },
};
