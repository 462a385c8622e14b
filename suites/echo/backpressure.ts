import type { ConformanceTest } from '../../harness/api/conform.js';
import { largeTextBytes } from '../common/text-bytes.js';

const size = 16 * 1024 * 1024;
const chunk = 64 * 1024;
/**
 * Between the read timeouts students give a socket (1 s, 2 s), half a second from each: a server
 * that drops a client silent for a second fails every time, one that waits two seconds passes,
 * however late a busy machine runs the pause.
 */
const stallMs = 1500;

export const backpressure: ConformanceTest = {
  id: 'echo.backpressure',
  title: 'a client that stops reading for a while loses nothing',
  requirement:
    'When a client does not read for a while, the server MUST wait (or buffer) and later deliver everything, in order; it MUST NOT drop data or give up on the client.',
  policy: 'content',
  slow: true,
  hint: {
    neutral:
      'When the client stops reading, a write blocks or sends only part: keep the unsent bytes and send them when the client reads again; do not time out the client or drop what did not fit.',
    python:
      'When the client stops reading, sendall() blocks until it reads again: let it wait (no settimeout() on the client socket); do not time out the client or drop what did not fit.',
    pythonEvents:
      "When the client stops reading, send() takes only part or raises BlockingIOError: keep the unsent bytes in that client's output queue and send them when the socket is writable (EVENT_WRITE); do not time out the client.",
    node: "When the client stops reading, write() returns false and Node queues the rest: pause() the socket until 'drain', and never destroy() the client or drop what was written.",
    c: 'When the client stops reading, write() blocks, or returns a short count or EAGAIN: keep the unsent bytes and write them later; do not time out the client (no SO_SNDTIMEO) or drop what did not fit.',
    cEvents:
      "When the client stops reading, write() returns a short count or EAGAIN: keep the unsent bytes in that client's buffer and write them on POLLOUT; do not time out the client or drop what did not fit.",
    java: 'When the client stops reading, OutputStream.write() blocks until it reads again: let it wait, with no timer that closes the Socket; do not time out the client or drop anything.',
    javaEvents:
      "When the client stops reading, SocketChannel.write() takes only part: keep the rest in that client's ByteBuffer, register OP_WRITE and write it when the channel is writable; do not time out the client.",
  },
  async run(context) {
    const data = largeTextBytes(size, context.settings.seed);
    await context.run(async (run) => {
      const client = await run.connect();
      client.pause();
      for (let offset = 0; offset < size; offset += chunk)
        client.write(data.subarray(offset, offset + chunk));
      run.note(`the client reads nothing for ${stallMs} ms while its data is sent`);
      // The stall is the behaviour under test, not a wait for the server.
      await new Promise((resolve) => setTimeout(resolve, stallMs));
      client.resume();
      await client.expect(data);
      client.expectNothingBuffered();
    });
  },
};
