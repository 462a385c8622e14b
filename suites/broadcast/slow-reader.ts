import type { ConformanceTest } from '../../harness/api/conform.js';
import { Room } from './room.js';

const lineSize = 4096;
/** Enough to fill the slow client's kernel buffers (about 4 MiB on Linux) twice over. */
const lines = 2048;
/** What the server must keep for a client that does not read. */
const keptLines = 256;

export const slowReader: ConformanceTest = {
  id: 'broadcast.slow-reader',
  title: 'a client that stops reading does not hold up the others',
  requirement: 'A client that stops reading MUST NOT delay delivery to the others.',
  policy: 'persistent',
  hint: {
    neutral:
      'A blocking write to a client that does not read blocks the whole server once its buffers are full. Keep unsent bytes in a queue per client and send them when that client can take more, never waiting on one client while others are owed lines.',
    python:
      'A blocking sendall() to a client that does not read blocks the whole server once its buffers are full. Give each client a queue and a writer threading.Thread of its own, so that only that client waits.',
    pythonEvents:
      'A blocking sendall() to a client that does not read stalls the whole loop once its buffers are full. Make the sockets non-blocking, keep an output queue per client, and send from it only when the selector reports the socket writable.',
    node: "Node never blocks on a slow reader, but write() returning false means that socket's queue grows: keep writing to the others, and never wait for one socket's 'drain' before serving the rest.",
    c: 'A blocking write() to a client that does not read blocks the whole server once its buffers are full. Give each client a queue and a writer thread of its own (or use poll() with O_NONBLOCK), so that only that client waits.',
    cEvents:
      'A blocking write() to a client that does not read stalls the whole poll() loop once its buffers are full. Set O_NONBLOCK, keep an output queue per client, and write from it only on POLLOUT.',
    java: 'A blocking OutputStream.write() to a client that does not read blocks its writer once the buffers are full. Give each client a BlockingQueue and a writer Thread of its own, so that only that client waits.',
    javaEvents:
      'A blocking write to a client that does not read stalls the whole Selector loop once its buffers are full. Keep a queue of ByteBuffers per channel, register OP_WRITE, and write from it when the channel is writable.',
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob', 'slow']) await room.join(name);
      const slow = room.member('slow');
      slow.pause();
      run.note(`slow stops reading; alice sends ${lines} lines of ${lineSize / 1024} KiB (8 MiB)`);
      const sent: Buffer[] = [];
      // bob reads each batch before the next is sent, so only slow's lines pile up in the server.
      for (let batch = 0; batch < lines / 64; batch += 1) {
        const lines = room.say('alice', 64, { size: lineSize, together: true });
        sent.push(...lines);
        await room.delivered(new Map([['alice', lines]]), ['bob']);
      }
      const answer = room.say('bob', 1);
      await room.delivered(new Map([['bob', answer]]), ['alice']);
      run.note(`slow reads again: at least its first ${keptLines} lines (1 MiB) must be there, in order`);
      slow.resume();
      await room.delivered(new Map([['alice', sent.slice(0, keptLines)]]), ['slow']);
    });
  },
};
