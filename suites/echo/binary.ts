import type { ConformanceTest } from '../../harness/api/conform.js';

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
const euro = Buffer.from('€', 'utf8');
const smile = Buffer.from('😀', 'utf8');

/** Each entry is written and its echo awaited before the next, so each reaches the server in its own recv(). */
const writes: readonly Buffer[] = [
  Buffer.from('ab\x00c', 'latin1'),
  Buffer.from('\x00\x00NUL first\x00', 'latin1'),
  allBytes,
  Buffer.from([0xff, 0xfe, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  euro.subarray(2),
  smile.subarray(0, 1),
  smile.subarray(1, 3),
  smile.subarray(3),
  Buffer.from('é and ü: ok\r\n', 'utf8'),
  Buffer.from([0x0d, 0x0a, 0x00, 0x1b, 0x5b, 0x41, 0x7f, 0x04]),
];

export const binary: ConformanceTest = {
  id: 'echo.binary',
  title: 'binary data comes back byte for byte',
  requirement:
    'The server MUST treat the data as bytes: every byte value, NUL, invalid UTF-8 and characters split across writes come back unchanged.',
  policy: 'content',
  hint: {
    neutral:
      'Echo raw bytes: pass on exactly the bytes each read returned, by its count, and never treat the data as text (no decoding, no stopping at a NUL byte).',
    python:
      "Echo the bytes recv() returned as they are, with sendall(data): never decode() and encode() them as text, not even with errors='replace'.",
    node: "Write back the Buffer each 'data' event gives, unchanged: no setEncoding(), toString() or string +=, which turn bytes that are not valid UTF-8 into U+FFFD.",
    c: 'Echo raw bytes: write() exactly the n bytes read() returned, never strlen(), printf("%s") or other string functions, which stop at the first NUL byte.',
    java: 'Copy the bytes from the InputStream to the OutputStream as they are, by the count read() returned; never go through a Reader, a Writer or new String(...).',
  },
  async run(context) {
    await context.run(async (run) => {
      const client = await run.connect();
      for (const bytes of writes) {
        client.write(bytes);
        await client.expect(bytes);
      }
      client.expectNothingBuffered();
    });
  },
};
