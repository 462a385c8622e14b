import type { ConformanceTest } from '../../harness/runner/suite.js';
import { lineBytes } from '../common/text-bytes.js';
import { ChatSession } from './chat-session.js';

export const msg: ConformanceTest = {
  id: 'chat.msg',
  title: 'MSG reaches every other registered client, text exactly as sent',
  requirement:
    '`MSG <text>` MUST reach every other registered client as `MSG <nick> <text>`, with the text exactly as sent, and MUST NOT come back to the sender.',
  policy: 'persistent',
  hint: 'The text is everything after "MSG " (leading and inner spaces kept, nothing trimmed or split). Send MSG <nick> <text> to each registered client except the sender.',
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      for (const name of ['alice', 'bob', 'carol']) await chat.join(name);
      await chat.connect('guest');
      await chat.send('alice', 'MSG hello');
      await chat.send('bob', 'MSG  two  spaces,  kept  ');
      await chat.send('carol', 'MSG héllo wörld ✓ 😀');
      await chat.send('alice', 'MSG MSG alice is not a command here');
      await chat.send('bob', `MSG ${lineBytes(2000, context.settings.seed).toString()}`);
      await chat.send('carol', 'MSG first');
      await chat.send('carol', 'MSG second');
    });
  },
};
