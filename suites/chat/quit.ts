import type { ConformanceTest } from '../../harness/runner/suite.js';
import { ChatSession } from './chat-session.js';

export const quit: ConformanceTest = {
  id: 'chat.quit',
  title: 'QUIT gets BYE, the connection closes, the others get LEFT',
  requirement:
    '`QUIT` MUST be answered with `BYE`, after which the server closes the connection, and the others receive `LEFT <nick>`.',
  policy: 'persistent',
  hint: 'On QUIT: send BYE, free the nickname, send LEFT <nick> to the other registered clients, then close the connection (close the socket, not just stop reading).',
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      for (const name of ['alice', 'bob', 'carol']) await chat.join(name);
      await chat.send('bob', 'QUIT');
      await chat.connect('bob2');
      await chat.send('bob2', 'NICK bob');
      await chat.connect('guest');
      await chat.send('guest', 'QUIT');
      await chat.send('carol', 'QUIT', '\r\n');
    });
  },
};
