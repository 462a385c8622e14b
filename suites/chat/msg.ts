import { utf8Text, type ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const msg: ConformanceTest = {
  id: 'chat.msg',
  title: 'MSG reaches every other registered client, text exactly as sent',
  requirement:
    '`MSG <text>` MUST reach every other registered client as `MSG <nick> <text>`, with the text exactly as sent, and MUST NOT come back to the sender.',
  policy: 'persistent',
  hint: {
    neutral:
      'The text is everything after "MSG " (leading and inner spaces kept, nothing trimmed or split). Send MSG <nick> <text> to each registered client except the sender.',
    python:
      'The text is line[4:] after "MSG ", kept exactly (no split() or strip()). sendall() MSG <nick> <text> to each registered client except the sender.',
    node: 'The text is line.slice(4) after "MSG ", kept exactly (no split() or trim()). write() MSG <nick> <text> to each registered client\'s socket except the sender\'s.',
    c: 'The text starts right after "MSG " (line + 4) and is kept exactly (no strtok(), which skips runs of spaces). write() MSG <nick> <text> to each registered client\'s fd except the sender\'s.',
    java: 'The text is line.substring(4) after "MSG ", kept exactly (no split() or trim()). Write MSG <nick> <text> to each registered client\'s stream except the sender\'s.',
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      for (const name of ['alice', 'bob', 'carol']) await chat.join(name);
      await chat.connect('guest');
      await chat.send('alice', 'MSG hello');
      await chat.send('bob', 'MSG  two  spaces,  kept  ');
      await chat.send('carol', 'MSG héllo wörld ✓ 😀');
      await chat.send('alice', 'MSG MSG alice is not a command here');
      await chat.send('bob', `MSG ${utf8Text(2000, context.settings.seed).toString()}`);
      await chat.send('carol', 'MSG first');
      await chat.send('carol', 'MSG second');
    });
  },
};
