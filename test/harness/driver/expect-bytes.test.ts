import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { EventLog } from '../../../harness/driver/event-log.js';
import { ExpectBytes } from '../../../harness/driver/expect-bytes.js';
import {
  findingOf,
  patientLimits,
  pattern,
  quickMs,
  sendInPieces,
  trickle,
  useNetwork,
  within,
} from './support/network.js';

const network = useNetwork();

describe('Connection.expect()', () => {
  it('resolves when exactly the expected bytes arrive', async () => {
    const server = await network.serve((socket) => socket.pipe(socket));
    const conn = await network.connect(server);
    conn.write('hello');
    await within(conn.expect('hello'), quickMs, 'the echo');
    expect(conn.bytesReceived).toBe(5);
    expect(conn.bytesBuffered).toBe(0);
  });

  it('resolves at once for an empty expectation, with nothing sent', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    await within(conn.expect(''), quickMs, 'the empty expectation');
  });

  it('still times out a read that follows an empty expectation', async () => {
    const server = await network.serve();
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 100 } });
    await within(conn.expect(''), quickMs, 'the empty expectation');
    const finding = await findingOf(conn.expect('hello'));
    expect(finding.details.kind).toBe('timeout');
  });

  it('still sees the server close after an empty expectation', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    await within(conn.expect(''), quickMs, 'the empty expectation');
    const eof = within(conn.expectEof(), quickMs, 'the EOF after an empty expectation');
    (await server.accepted()).end();
    await eof;
  });

  it('fails with a mismatch at the first wrong byte, without waiting for the rest or the reply timeout', async () => {
    // The rest of the reply never comes and the reply timeout is 10 s: only failing fast can pass.
    const server = await network.serve((socket) => socket.write('abX'));
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 10_000 } });
    const finding = await findingOf(conn.expect('abcdef'), quickMs);
    expect(finding.details.kind).toBe('mismatch');
    expect(finding.details.diff?.offset).toBe(2);
    expect(finding.details.diff?.expectedByte).toBe('c'.charCodeAt(0));
    expect(finding.details.diff?.actualByte).toBe('X'.charCodeAt(0));
    expect(finding.details.outcome).toBe('got "abX"');
    expect(finding.details.expected).toBe('"abcdef"');
    expect(finding.message).toContain('offset 2');
  });

  it('fails with a mismatch when the wrong byte comes in a later chunk', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const socket = await server.accepted();
    const read = findingOf(conn.expect('abcd'), quickMs);
    await sendInPieces(socket, () => conn.bytesReceived, ['ab', 'Xd']);
    const finding = await read;
    expect(finding.details.kind).toBe('mismatch');
    expect(finding.details.diff?.offset).toBe(2);
    expect(finding.details.actual).toBe('"abXd"');
    // The script's line says what the report's Received says: every byte this read took.
    expect(finding.details.outcome).toBe('got "abXd"');
  });

  it('reports the offset of a wrong byte in the whole stream, not in the expectation', async () => {
    const server = await network.serve((socket) => socket.write('helloworld'));
    const conn = await network.connect(server);
    await within(conn.expect('hello'), quickMs, 'the first word');
    const finding = await findingOf(conn.expect('wOrld'));
    expect(finding.details.diff?.offset).toBe(6);
    expect(finding.details.diff?.windowStart).toBe(5);
    expect(finding.message).toContain('offset 6 of its stream');
  });

  it('fails with eof when the server closes after part of the expected bytes, saying what arrived', async () => {
    const server = await network.serve((socket) => socket.end('ab'));
    const conn = await network.connect(server);
    const finding = await findingOf(conn.expect('abcd'));
    expect(finding.details.kind).toBe('eof');
    expect(finding.details.outcome).toBe('got "ab" then EOF');
    expect(finding.details.actual).toBe('"ab"');
    expect(finding.details.diff?.offset).toBe(2);
    expect(finding.details.diff?.actualByte).toBeNull();
    expect(finding.message).toContain('sending only 2 of its bytes');
  });

  it('fails with eof when the server closes having sent none of the expected bytes', async () => {
    const server = await network.serve((socket) => socket.end());
    const conn = await network.connect(server);
    const finding = await findingOf(conn.expect('abcd'));
    expect(finding.details.kind).toBe('eof');
    expect(finding.message).toContain('sending none of it');
  });

  it('fails with reset when the server resets the connection', async () => {
    const server = await network.serve((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const conn = await network.connect(server);
    conn.write('go');
    const finding = await findingOf(conn.expect('never sent'));
    expect(finding.details.kind).toBe('reset');
    expect(finding.details.outcome).toBe('got a reset (RST) from the server');
    expect(finding.details.expected).toBe('"never sent"');
    expect(conn.state).toBe('reset');
  });

  it('fails with timeout when nothing arrives within replyTimeoutMs', async () => {
    const server = await network.serve();
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 100 } });
    const finding = await findingOf(conn.expect('hello'));
    expect(finding.details.kind).toBe('timeout');
    expect(finding.details.outcome).toBe('got nothing, then nothing for 100 ms');
    expect(finding.details.expected).toBe('"hello"');
    expect(finding.details.actual).toBe('""');
  });

  it('fails with timeout saying what arrived when the reply stops part way', async () => {
    const server = await network.serve((socket) => socket.write('hel'));
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 100 } });
    const finding = await findingOf(conn.expect('hello'));
    expect(finding.details.kind).toBe('timeout');
    expect(finding.details.outcome).toBe('got only "hel", then nothing for 100 ms');
    expect(finding.details.actual).toBe('"hel"');
    expect(finding.details.diff?.offset).toBe(3);
  });

  it('uses the timeout given to the read over the connection limit', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const finding = await findingOf(conn.expect('hello', { timeoutMs: 100 }));
    expect(finding.details.kind).toBe('timeout');
    expect(finding.details.outcome).toContain('100 ms');
  });

  it('times out only when no byte arrives for replyTimeoutMs, however long the whole reply takes', async () => {
    const replyTimeoutMs = 500;
    const reply = 'a slow server trickling its bytes!!!!!!!';
    // 40 bytes 25 ms apart take 1 s, twice the timeout; each gap is a twentieth of it.
    const server = await network.serve((socket) => trickle(socket, reply, 25));
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs } });
    const started = performance.now();
    await within(conn.expect(reply), 20_000, 'the trickled reply');
    expect(performance.now() - started).toBeGreaterThan(replyTimeoutMs);
  });

  it('uses bytes that arrived before expect() was called', async () => {
    const server = await network.serve((socket) => socket.write('hello'));
    const conn = await network.connect(server);
    await expect.poll(() => conn.bytesBuffered, { timeout: quickMs }).toBe(5);
    // The server sends nothing more: only the buffered bytes can satisfy this.
    await within(conn.expect('hello'), quickMs, 'the buffered reply');
    expect(conn.bytesBuffered).toBe(0);
  });

  it('assembles an expectation from many chunks', async () => {
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { log });
    const socket = await server.accepted();
    const pieces = ['the ', 'quick', ' ', 'brown', ' fox'];
    const read = conn.expect(pieces.join(''));
    await sendInPieces(socket, () => conn.bytesReceived, pieces);
    await within(read, quickMs, 'the assembled reply');
    expect(log.events.filter((event) => event.kind === 'read')).toHaveLength(pieces.length);
  });

  it('splits chunks between expectations that cross chunk boundaries', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const socket = await server.accepted();
    const first = conn.expect('abc');
    await sendInPieces(socket, () => conn.bytesReceived, ['ab', 'cd']);
    await within(first, quickMs, 'the first expectation');
    expect(conn.bytesBuffered).toBe(1);
    const second = conn.expect('def');
    await sendInPieces(socket, () => conn.bytesReceived, ['ef']);
    await within(second, quickMs, 'the second expectation');
    expect(conn.bytesBuffered).toBe(0);
  });

  it('leaves the bytes after an expectation for the next read', async () => {
    const server = await network.serve((socket) => socket.write('abcdef'));
    const conn = await network.connect(server);
    await expect.poll(() => conn.bytesReceived, { timeout: quickMs }).toBe(6);
    await within(conn.expect('ab'), quickMs, 'ab');
    expect(conn.bytesBuffered).toBe(4);
    await within(conn.expect('cd'), quickMs, 'cd');
    expect(conn.bytesBuffered).toBe(2);
    const finding = await findingOf(conn.expect('eX'));
    expect(finding.details.diff?.offset).toBe(5);
  });

  it('completes a 64 MiB expectation echoed by the server, beyond maxBufferedBytes', async () => {
    const data = pattern(64 * 1024 * 1024);
    const server = await network.serve((socket) => socket.pipe(socket));
    const conn = await network.connect(server, {
      limits: { ...patientLimits, maxBufferedBytes: 1024 * 1024 },
    });
    conn.write(data);
    await within(conn.expect(data), 50_000, 'the 64 MiB echo');
    expect(conn.bytesReceived).toBe(data.length);
    expect(conn.bytesBuffered).toBe(0);
  }, 60_000);
});

describe('ExpectBytes', () => {
  function reader(expected: string, streamOffset = 0) {
    const settled: { resolved: boolean; finding?: Finding } = { resolved: false };
    const bytes = new ExpectBytes(
      'c1',
      Buffer.from(expected),
      streamOffset,
      () => (settled.resolved = true),
      (finding) => (settled.finding = finding),
    );
    return { bytes, settled };
  }

  it('tells bytes skipped from bytes changed: what came next is what follows the gap', () => {
    const stream = Buffer.from(Array.from({ length: 400 }, (_value, index) => (index * 7919) % 251));
    const skipping = new ExpectBytes(
      'c1',
      stream,
      1000,
      () => undefined,
      (finding) => (found = finding),
    );
    let found: Finding | undefined;
    skipping.feed(Buffer.concat([stream.subarray(0, 100), stream.subarray(150, 250)]));
    expect(found?.details.skipped).toEqual({ offset: 1100, length: 50 });
    expect(found?.details.message).toBe(
      'c1 received a wrong byte at offset 1100 of its stream (400 B expected): 50 bytes from there never came, and what came next is what follows them',
    );
    const changed = new ExpectBytes(
      'c1',
      stream,
      0,
      () => undefined,
      (finding) => (found = finding),
    );
    const altered = Buffer.from(stream.subarray(0, 200));
    altered[100] = 0xff;
    changed.feed(altered);
    expect(found?.details.skipped).toBeUndefined();
  });

  it('takes only what it expects and hands back the rest of the chunk', () => {
    const { bytes, settled } = reader('abc');
    expect(bytes.feed(Buffer.from('ab')).toString()).toBe('');
    expect(settled.resolved).toBe(false);
    expect(bytes.feed(Buffer.from('cdef')).toString()).toBe('def');
    expect(settled.resolved).toBe(true);
    expect(bytes.settled).toBe(true);
  });

  it('adds what was expected and what arrived to a finding from outside, at stream offsets', () => {
    const { bytes, settled } = reader('abcd', 100);
    bytes.feed(Buffer.from('ab'));
    bytes.fail(new Finding({ kind: 'interrupted', message: 'stopped' }));
    expect(settled.finding?.details).toMatchObject({
      kind: 'interrupted',
      expected: '"abcd"',
      actual: '"ab"',
      diff: { offset: 102 },
    });
  });

  it('at EOF, fails with every detail of what was expected and what arrived, at stream offsets', () => {
    const { bytes, settled } = reader('abcd', 100);
    bytes.feed(Buffer.from('ab'));
    bytes.end();
    expect(settled.finding?.details).toEqual({
      kind: 'eof',
      conn: 'c1',
      message:
        'c1 expected "abcd" but the server closed the connection after sending only 2 of its bytes, "ab"',
      outcome: 'got "ab" then EOF',
      expected: '"abcd"',
      actual: '"ab"',
      diff: {
        offset: 102,
        expectedByte: 0x63,
        actualByte: null,
        windowStart: 100,
        expectedHex: '61 62 63 64',
        actualHex: '61 62',
        expectedText: 'abcd',
        actualText: 'ab',
      },
      received: 2,
      owed: Buffer.from('cd'),
      lastByte: 0x62,
    });
  });

  it('settles once: a second failure is ignored', () => {
    const { bytes, settled } = reader('abcd');
    bytes.fail(new Finding({ kind: 'interrupted', message: 'first' }));
    bytes.end();
    expect(settled.finding?.message).toBe('first');
  });

  it('describes a long expectation by its size rather than its bytes', () => {
    const { bytes } = reader('x'.repeat(64 * 1024));
    expect(bytes.timedOut(100).message).toContain('expected 64 KiB but received nothing');
  });
});
