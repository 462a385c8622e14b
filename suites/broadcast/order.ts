import type { ConformanceTest } from '../../harness/api/conform.js';
import { Room } from './room.js';

const perSender = 200;

export const order: ConformanceTest = {
  id: 'broadcast.order',
  title: "each sender's lines arrive in the order sent",
  requirement: 'Lines from one sender MUST arrive at each receiver in the order they were sent.',
  policy: 'persistent',
  hint: {
    neutral:
      'Relay lines in the order they are completed, through one queue per receiver; do not hand each line to a thread or task of its own, and never drop a line when a write is short.',
    python:
      'Relay lines in the order they are completed, with sendall() from one place per receiver; do not start a threading.Thread for each line.',
    pythonEvents:
      'Relay lines in the order they are completed, through one output queue per receiver; when send() is short or raises BlockingIOError, keep the rest at the head of that queue and send it when the socket is writable.',
    node: "Relay lines in the order they are completed with write() on each receiver's socket; Node queues what it cannot send yet, so never drop or resend a line because write() returned false.",
    c: 'Relay lines in the order they are completed: after each read(), handle every complete line in the buffer, in order, however many; never start a thread per line or drop a line when write() is short.',
    cEvents:
      'Relay lines in the order they are completed, through one output queue per receiver: after each read(), handle every complete line, and when write() is short or fails with EAGAIN keep the rest and wait for POLLOUT.',
    java: "Relay lines in the order they are completed, writing to each receiver's OutputStream from one place (synchronized on it); do not start a new Thread for each line.",
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob', 'carol']) await room.join(name);
      run.note(`alice and bob each send ${perSender} lines at once, in writes of 20 lines`);
      const sent = new Map<string, Buffer[]>([
        ['alice', []],
        ['bob', []],
      ]);
      for (let batch = 0; batch < perSender / 20; batch += 1) {
        for (const sender of ['alice', 'bob'])
          sent.get(sender)?.push(...room.say(sender, 20, { together: true }));
      }
      await room.delivered(sent);
      await room.expectNothingMore();
    });
  },
};
