import type { ConformanceTest } from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

export const tell: ConformanceTest = {
  id: 'chat.tell',
  title: 'TELL reaches only its target; unknown targets are refused',
  requirement:
    '`TELL <nick> <text>` MUST reach only that client, as `TELL <sender> <text>`; a nickname no one holds MUST be answered with `ERR no-such-nick`.',
  policy: 'persistent',
  hint: {
    neutral:
      'Split the argument at the first space: the target nickname, then the text, kept exactly. Send TELL <sender> <text> to the target alone (which may be the sender); if no registered client has that nickname, reply ERR no-such-nick.',
    python:
      "Split the argument once, with partition(' '): the target nickname, then the text, kept exactly. Send TELL <sender> <text> to the target alone (which may be the sender); if no registered client has that nickname, reply ERR no-such-nick.",
    node: "Split the argument at indexOf(' '): the target nickname, then the text, kept exactly. Send TELL <sender> <text> to the target alone (which may be the sender); if no registered client has that nickname, reply ERR no-such-nick.",
    c: 'Split the argument at the first space with strchr() (not strtok()): the target nickname, then the text, kept exactly. Send TELL <sender> <text> to the target alone (which may be the sender); if no registered client has that nickname, reply ERR no-such-nick.',
    java: "Split the argument at indexOf(' ') with substring(): the target nickname, then the text, kept exactly. Send TELL <sender> <text> to the target alone (which may be the sender); if no registered client has that nickname, reply ERR no-such-nick.",
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      for (const name of ['alice', 'bob', 'carol']) await chat.join(name);
      await chat.send('alice', 'TELL bob psst');
      await chat.send('bob', 'TELL carol  a secret with  spaces ');
      await chat.send('carol', 'TELL carol a note to myself');
      await chat.send('alice', 'TELL dave hello?');
      await chat.send('alice', 'TELL Bob case matters');
      await chat.connect('guest');
      await chat.send('alice', 'TELL guest you have no name yet');
    });
  },
};
