import type { ConformanceTest } from '../../harness/api/conform.js';
import { expectLines } from '../common/expect-lines.js';
import { Ledger } from '../common/ledger.js';
import { ChatSession } from './chat-session.js';

const clients = 8;
const perClient = 25;

export const concurrency: ConformanceTest = {
  id: 'chat.concurrency',
  title: 'bursts from many clients at once: no loss, no repeats, each sender in order',
  requirement:
    'When many clients send at once, every message MUST be delivered exactly once to each of its receivers, in the order each sender sent them.',
  policy: 'persistent',
  hint: {
    neutral:
      'Clients act at the same time: guard the shared client table (a lock, or one event loop), write each line to a connection whole, and never let two writers interleave on one connection.',
    python:
      'Clients act at the same time: guard the shared client table with a threading.Lock, sendall() each line whole, and never let two threads send on one socket at once (a lock per socket).',
    pythonEvents:
      "After each recv(), handle every complete line in the client's buffer, in order, and queue replies per client; a short send() keeps the rest at the head of that queue until the socket is writable.",
    node: "Handle every complete line in a client's buffer on each 'data' event, in order, and write() each reply whole; Node runs one handler at a time, so no lock is needed.",
    c: 'Clients act at the same time: guard the shared client table with a pthread_mutex_t, write() each line whole (loop on short writes), and hold a lock per client so two threads never interleave on one fd.',
    cEvents:
      'After each read(), handle every complete line in the buffer, in order, and queue replies per client; when write() is short or fails with EAGAIN, keep the rest and wait for POLLOUT.',
    java: "Clients act at the same time: guard the shared client table (synchronized, or a ConcurrentHashMap), and write and flush() each line whole while synchronized on that client's OutputStream.",
  },
  async run(context) {
    await context.run(async (run) => {
      const chat = new ChatSession(run);
      const names = Array.from({ length: clients }, (_, index) => `u${index + 1}`);
      for (const name of names) await chat.join(name);
      const ledger = new Ledger(context.settings.seed);
      const sent = new Map(names.map((name) => [name, [] as Buffer[]]));
      run.note(`every client sends ${perClient} MSGs at once, in bursts of 5 per write`);
      for (let burst = 0; burst < perClient / 5; burst += 1) {
        for (const name of names) {
          const lines = Array.from({ length: 5 }, () => ledger.next(name, 48));
          sent.get(name)?.push(...lines);
          chat
            .connection(name)
            .write(Buffer.concat(lines.map((line) => Buffer.from(`MSG ${line.toString()}\n`))));
        }
      }
      await Promise.all(
        names.map((receiver) =>
          expectLines(
            chat.connection(receiver),
            new Map([...sent].filter(([sender]) => sender !== receiver)),
            ledger,
            {
              unwrap: (line) => {
                const text = line.toString('latin1');
                const match = /^MSG ([A-Za-z0-9_-]+) (.*)$/s.exec(text);
                return match !== null && match[2]?.startsWith(`${match[1]}#`) === true
                  ? Buffer.from(match[2], 'latin1')
                  : undefined;
              },
            },
          ),
        ),
      );
      await chat.barrier();
    });
  },
};
