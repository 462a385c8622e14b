import {
  everyCharacterLength,
  splitInsideCharacters,
  utf8Text,
  type ConformanceTest,
} from '../../harness/api/conform.js';
import { ChatSession } from './chat-session.js';

const longLine = 4096;

export const framing: ConformanceTest = {
  id: 'chat.framing',
  title: 'commands are lines: CRLF, fragments, several per write, empty lines, 4096 bytes',
  requirement:
    'The server MUST read commands as lines, however they are split into writes (inside a character too) or combined in one, remove one CR before the LF, ignore empty lines, and accept lines of 4096 bytes.',
  policy: 'persistent',
  hint: {
    neutral:
      'Keep a buffer per client and handle each LF-ended line in turn: one read may hold half a command or several. Strip one trailing CR, skip empty lines without replying, and allow lines of at least 4096 bytes.',
    python:
      "Keep a buffer per client and handle each LF-ended line in turn: one recv() may hold half a command or several. Remove one trailing '\\r' (not strip()), skip empty lines without replying, and allow lines of at least 4096 bytes.",
    node: "Keep a string per client and handle each LF-ended line in turn: one 'data' chunk may hold half a command or several. Remove one trailing CR, skip empty lines without replying, and allow lines of at least 4096 bytes.",
    c: "Keep a buffer of at least 4097 bytes per client and handle each '\\n'-ended line in turn: one read() may hold half a command or several. Remove one trailing '\\r' and skip empty lines without replying.",
    java: "Read each client with a BufferedReader's readLine(), or keep a buffer per client and handle each LF-ended line in turn: one read() may hold half a command or several. Strip one trailing CR, skip empty lines without replying, and allow lines of 4096 bytes.",
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      await chat.connect('alice');
      await chat.connect('bob');
      await chat.send('alice', 'NICK alice', '\r\n');
      await chat.write('bob', Buffer.from('NI'));
      await chat.write('bob', Buffer.from('CK b'));
      await chat.write('bob', Buffer.from('ob\r'));
      await chat.write('bob', Buffer.from('\n'));
      // Several commands in one write, one of them answered to the sender: TELL to oneself, not WHO,
      // so a server that does not answer WHO yet is judged on its framing here.
      await chat.write(
        'alice',
        Buffer.from('TELL bob one\nTELL bob two\r\n\nTELL alice a note\n\r\nTELL bob three\n'),
      );
      await chat.send('bob', '');
      await chat.send('bob', '', '\r\n');
      const text = utf8Text(longLine - 'TELL alice '.length, context.settings.seed).toString();
      const long = Buffer.from(`TELL alice ${text}\n`);
      await chat.write('bob', long.subarray(0, 1500));
      await chat.write('bob', long.subarray(1500));
      await chat.send('alice', `TELL bob ${text}`, '\r\n');
      // A 4096-byte line whose CR comes before its LF: the CR is the line end, not a 4097th byte.
      const exact = utf8Text(longLine - 'TELL bob '.length, context.settings.seed + 1).toString();
      const crlf = Buffer.from(`TELL bob ${exact}\r\n`);
      await chat.write('alice', crlf.subarray(0, -1));
      await chat.write('alice', crlf.subarray(-1));
      // A message whose characters of two, three and four bytes each end one write and begin the next.
      const words = Buffer.from(`MSG ${everyCharacterLength(context.settings.seed).toString()}\n`);
      for (const piece of splitInsideCharacters(words)) await chat.write('bob', piece);
    });
  },
};
