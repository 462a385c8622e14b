import { fc, type ConformanceTest } from '../../harness/api/conform.js';
import { writeGroups } from './write-groups.js';

// One range, so shrinking can reach any size; fast-check already favours small values.
const writeSize = fc.integer({ min: 1, max: 64 * 1024 });

const writes = fc.record({
  seed: fc.integer({ min: 0, max: 0xffff }),
  // waitForEcho: the next write waits for this one's echo, so the server sees it in a recv() of its own.
  writes: fc.array(fc.record({ size: writeSize, waitForEcho: fc.boolean() }), { minLength: 1, maxLength: 8 }),
});

export const stream: ConformanceTest = {
  id: 'echo.stream',
  title: 'a stream of writes of random sizes comes back as one exact stream',
  requirement:
    'The bytes a client reads back MUST be exactly the bytes it sent, in the same order, however the sending was split into writes.',
  policy: 'content',
  runs: 40,
  hint: {
    neutral:
      'TCP is a byte stream: one write may arrive in several reads, and several writes in one. Keep reading and send back every byte, whatever the sizes.',
    python:
      'TCP is a byte stream: one send() may arrive in several recv()s and several sends in one. Loop on recv() and send back every byte with sendall(), whatever the sizes.',
    node: "TCP is a byte stream: one write may arrive as several 'data' chunks, and several writes as one. Write back every chunk, whatever its size, and never take a chunk for one message.",
    c: 'TCP is a byte stream: one write() may arrive in several read()s and several in one. Loop on read() and write back all n bytes it returned, looping again when write() writes fewer.',
    java: 'TCP is a byte stream: one write may arrive in several read()s and several in one. Loop until read() returns -1 and write back the n bytes of each read into the byte[], whatever the sizes.',
  },
  async run(context) {
    await context.property(writes, async (run, plan) => {
      const client = await run.connect();
      for (const group of writeGroups(plan)) {
        for (const bytes of group.writes) client.write(bytes);
        await client.expect(group.expected);
      }
      client.expectNothingBuffered();
    });
  },
};
