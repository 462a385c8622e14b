import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const quit: ConformanceTest = {
  id: 'chat.quit',
  title: 'QUIT gets BYE, the connection closes, the others get LEFT',
  requirement:
    '`QUIT` MUST be answered with `BYE`, after which the server closes the connection, and the others receive `LEFT <nick>`.',
  policy: 'persistent',
  hint: {
    neutral:
      'On QUIT: send BYE, free the nickname, send LEFT <nick> to the other registered clients, then close the connection (close it, not just stop reading).',
    python:
      'On QUIT: sendall() BYE, free the nickname, send LEFT <nick> to the other registered clients, then close() the socket (not just stop calling recv()).',
    node: "On QUIT: write BYE and call end() (not destroy(), which may drop the BYE), free the nickname at once, not only on 'close', and send LEFT <nick> to the other registered clients.",
    c: 'On QUIT: write() BYE, free the nickname, send LEFT <nick> to the other registered clients, then close() the fd (with fork(), every copy of it), not just stop reading.',
    java: 'On QUIT: write and flush() BYE, free the nickname, send LEFT <nick> to the other registered clients, then close() the Socket (not just leave the read loop).',
  },
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
