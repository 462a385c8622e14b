import type { ConformanceTest } from '../../harness/api/conform.js';
import { largeTextBytes } from '../common/text-bytes.js';

const size = 16 * 1024 * 1024;
const chunk = 64 * 1024;

export const large: ConformanceTest = {
  id: 'echo.large',
  title: '16 MiB written while reading comes back exactly',
  requirement: 'The server MUST echo any amount of data on one connection, not only what fits in one buffer.',
  policy: 'content',
  hint: {
    neutral:
      'A write may send fewer bytes than it was given: send the rest too, and keep no limit on how much one connection may send.',
    python:
      'send() may send fewer bytes than asked: use sendall() (or loop on send()), and keep no limit on how much one connection may send.',
    pythonEvents:
      "send() on a non-blocking socket may take only part: keep the rest in the client's output queue and send it when the selector reports the socket writable, with no limit on how much one connection may send.",
    node: "Write back every chunk however many arrive, with no byte count or limit per connection; when write() returns false, pause() the socket and resume() it on 'drain'.",
    c: 'write() may write fewer bytes than asked: loop until all n are written, and keep no limit on how much one connection may send.',
    cEvents:
      "On a non-blocking fd, write() may take only part and then fail with EAGAIN: keep the rest in that client's output buffer and write it on POLLOUT, with no limit on how much one connection may send.",
    java: 'Copy in a loop until read() returns -1, writing back the n bytes of each read, and keep no limit on how much one connection may send.',
    javaEvents:
      'SocketChannel.write() may take only part of the ByteBuffer: keep the rest, register OP_WRITE and write it when the channel is writable, with no limit on how much one connection may send.',
  },
  async run(context) {
    const data = largeTextBytes(size, context.settings.seed);
    await context.run(async (run) => {
      const client = await run.connect();
      for (let offset = 0; offset < size; offset += chunk)
        client.write(data.subarray(offset, offset + chunk));
      await client.expect(data);
      client.expectNothingBuffered();
    });
  },
};
