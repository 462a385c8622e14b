import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const disconnect: ConformanceTest = {
  id: 'chat.disconnect',
  title: 'a client that vanishes (close or reset) is announced LEFT; the rest go on',
  requirement:
    'When a registered client disconnects or resets without `QUIT`, the others MUST receive `LEFT <nick>`, and the server MUST go on serving them.',
  policy: 'persistent',
  hint: {
    neutral:
      "A connection that ends, or fails with a reset, means the client is gone: remove it, free its nickname, send LEFT <nick> to the others, and carry on. Never let one client's error end the server.",
    python:
      "recv() returning b'' or raising ConnectionResetError, and sendall() raising BrokenPipeError, all mean the client is gone: remove it, free its nickname, send LEFT <nick> to the others, and carry on.",
    node: "A socket's 'close' (after 'end' or 'error') means the client is gone: remove it, free its nickname, send LEFT <nick> to the others. Listen for 'error' on every socket, or a reset ends the server.",
    c: 'read() returning 0 or failing (ECONNRESET), and write() failing (EPIPE), all mean the client is gone: remove it, free its nickname, send LEFT <nick> to the others, and carry on. Ignore SIGPIPE so that a write cannot kill the server.',
    java: "read() returning -1 or throwing an IOException means the client is gone: remove it, free its nickname, send LEFT <nick> to the others, and carry on. Catch the exception in that client's Thread, never let it reach main.",
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      for (const name of ['alice', 'bob', 'carol', 'dave']) await chat.join(name);
      await chat.leave('bob', 'close');
      await chat.send('alice', 'MSG still here?');
      await chat.leave('carol', 'reset');
      await chat.send('dave', 'MSG yes');
      await chat.connect('guest');
      await chat.leave('guest', 'reset');
      await chat.connect('erin');
      await chat.send('erin', 'NICK carol');
    });
  },
};
