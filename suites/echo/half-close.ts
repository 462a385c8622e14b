import type { ConformanceTest, RunContext } from '../../harness/api/conform.js';
import { largeTextBytes } from '../common/text-bytes.js';

const short = Buffer.from('last words before FIN');
const mebibyte = 1024 * 1024;
/**
 * What a paused client is owed: at least 12 MiB, and always 4 MiB more than the kernel can hold for
 * it, so that a server that throws away what it has not written yet when the FIN arrives loses some.
 */
const leastOwed = 12 * mebibyte;
const beyondKernel = 4 * mebibyte;
/**
 * A server that reads nothing for this long, blocked, has stopped reading (it blocks on the paused
 * client). Where the system cannot tell a blocked server from one the machine did not run for a
 * moment, a shorter wait could take the one for the other, and let the client read before the server
 * meets the FIN.
 */
const stallMs = 150;

async function owedSize(run: RunContext): Promise<number> {
  const held = (await run.server.platform.heldWhileUnread()) ?? 0;
  return Math.max(leastOwed, Math.ceil((held + beyondKernel) / mebibyte) * mebibyte);
}

export const halfClose: ConformanceTest = {
  id: 'echo.half-close',
  title: 'after the client shuts down sending, everything owed arrives, then the server closes',
  requirement:
    'When the client shuts down its sending side, the server MUST still send back every byte it received, and then close the connection.',
  policy: 'content',
  hint: {
    neutral:
      "The end of the client's stream means it will send nothing more, not that it stopped reading: finish sending everything still owed, then close the connection. Never keep reading a stream that has ended.",
    python:
      "recv() returning b'' means the client will send nothing more, not that it stopped reading: sendall() everything still owed, then close the socket. Never loop on a recv() that returned b''.",
    pythonEvents:
      "recv() returning b'' means the client will send nothing more, not that it stopped reading: unregister it for reading, but keep it until its output queue is empty, then close the socket.",
    node: "'end' means the client will send nothing more, not that it stopped reading: never destroy() the socket there. Write everything still owed, then end() (with allowHalfOpen: true, Node leaves that end() to you).",
    c: "read() returning 0 means the client will send nothing more, not that it stopped reading: write() everything still owed, then close() the fd (with fork(), the parent's copy too). Never loop on a read() that returned 0.",
    cEvents:
      'read() returning 0 means the client will send nothing more, not that it stopped reading: stop polling it for POLLIN, but keep it until its pending output is written, then close() the fd.',
    java: 'read() returning -1 means the client will send nothing more, not that it stopped reading: write and flush() everything still owed, then close() the Socket. Never loop on a read() that returned -1.',
  },
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      client.write(short);
      client.end();
      await client.expect(short);
      await client.expectEof();
    });
    await context.run(async (run) => {
      const owed = largeTextBytes(await owedSize(run), context.settings.seed);
      const client = await run.connect();
      client.pause();
      client.write(owed);
      client.end();
      run.note(
        'the client starts reading only once the server has read its data and FIN, or stopped reading',
      );
      // A server that blocks on a client that does not read stops reading too, so sending may stall:
      // either way the client then reads, and a correct server passes.
      await client.sentOrStalled();
      // Only a server that has read the FIN can act on it: wait until it has read what it can.
      await run.serverCaughtUp(client, stallMs);
      client.resume();
      await client.expect(owed);
      await client.expectEof();
    });
  },
};
