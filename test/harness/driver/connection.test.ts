import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { EventLog } from '../../../harness/driver/event-log.js';
import {
  findingOf,
  floodForever,
  patientLimits,
  pattern,
  quickMs,
  receiveAll,
  untilSteady,
  useNetwork,
  within,
  trickle,
  writeInTurn,
} from './support/network.js';

const network = useNetwork();

async function errorCode(error: Promise<unknown[]>): Promise<string | undefined> {
  const [reason] = await within(error, quickMs, 'an error on the server socket');
  return (reason as NodeJS.ErrnoException).code;
}

describe('Connection state and counters', () => {
  it('is open once connected, and eof once the server has closed its side', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    expect(conn.state).toBe('open');
    (await server.accepted()).end();
    await expect.poll(() => conn.state, { timeout: quickMs }).toBe('eof');
  });

  it('counts bytes written, received, and received but not yet read', async () => {
    const server = await network.serve((socket) => socket.write('0123456789'));
    const conn = await network.connect(server);
    conn.write('abc');
    conn.write(Buffer.from('de'));
    expect(conn.bytesWritten).toBe(5);
    await expect.poll(() => conn.bytesReceived, { timeout: quickMs }).toBe(10);
    expect(conn.bytesBuffered).toBe(10);
    await within(conn.expect('0123'), quickMs, 'the first bytes');
    expect(conn.bytesReceived).toBe(10);
    expect(conn.bytesBuffered).toBe(6);
  });

  it('counts only what it hands to the socket, and logs a write after a reset as not sent', async () => {
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { log });
    conn.write('sent');
    conn.reset();
    conn.write('too late', 'line');
    expect(conn.bytesWritten).toBe(4);
    expect(log.events.filter((event) => event.kind === 'write').map((event) => event.detail)).toEqual([
      undefined,
      'not sent: the connection is closed',
    ]);
  });

  it('logs a write after half-close as not sent', async () => {
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { log });
    conn.end();
    conn.write('after end');
    expect(conn.bytesWritten).toBe(0);
    expect(log.events.at(-1)).toMatchObject({
      kind: 'write',
      size: 9,
      detail: 'not sent: the sending side was shut down',
    });
  });

  it('knows its local port, as the server sees it', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const socket = await server.accepted();
    expect(conn.localPort).toBe(socket.remotePort);
  });
});

describe('Connection reads asked for together', () => {
  it('run one after another, in the order they were asked for', async () => {
    const server = await network.serve((socket) => socket.write('one\ntwo\nthree'));
    const conn = await network.connect(server);
    const first = conn.readLine();
    const second = conn.expect('two\n');
    const third = conn.expect('three');
    const all = within(Promise.all([first, second, third]), quickMs, 'the three reads');
    expect((await all)[0].toString()).toBe('one');
    expect(conn.bytesBuffered).toBe(0);
  });

  it('each get their own deadline, counted from when they start', async () => {
    const replyTimeoutMs = 500;
    const reply = 'a slow server trickling its bytes!!!!!!!' + 'ok';
    // The first read takes 1 s, twice the timeout; the second's bytes come 25 ms after it ends.
    const server = await network.serve((socket) => trickle(socket, reply, 25));
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs } });
    const first = conn.expect(reply.slice(0, -2));
    const second = conn.expect('ok');
    await within(Promise.all([first, second]), 20_000, 'both reads');
  });

  it('after a failed read, go on from the bytes it left', async () => {
    const server = await network.serve((socket) => socket.write('abXdef'));
    const conn = await network.connect(server);
    await expect.poll(() => conn.bytesReceived, { timeout: quickMs }).toBe(6);
    const failed = findingOf(conn.expect('abc'));
    const next = within(conn.expect('def'), quickMs, 'the read after the failure');
    expect((await failed).details.kind).toBe('mismatch');
    await next;
  });

  it('all end when the connection is closed', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const first = findingOf(conn.expect('never sent'));
    const second = findingOf(conn.readLine());
    await within(conn.close(), quickMs, 'the close');
    expect((await first).details.kind).toBe('interrupted');
    expect((await second).details.kind).toBe('interrupted');
  });

  it('all end when the connection is aborted', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const first = findingOf(conn.expect('never sent'));
    const second = findingOf(conn.expectEof());
    conn.abort(new Finding({ kind: 'interrupted', message: 'the test ran out of time' }));
    expect((await first).details.message).toBe('the test ran out of time');
    expect((await second).details.kind).toBe('interrupted');
  });
});

describe('Connection.expectNothingBuffered()', () => {
  it('passes when every byte received has been read', async () => {
    const server = await network.serve((socket) => socket.write('all of it'));
    const conn = await network.connect(server);
    await within(conn.expect('all of it'), quickMs, 'the reply');
    expect(() => conn.expectNothingBuffered()).not.toThrow();
  });

  it('fails with extra-bytes showing the unread bytes', async () => {
    const server = await network.serve((socket) => socket.write('reply\0extra'));
    const conn = await network.connect(server);
    await within(conn.expect('reply'), quickMs, 'the reply');
    await expect.poll(() => conn.bytesBuffered, { timeout: quickMs }).toBe(6);
    let thrown: unknown;
    try {
      conn.expectNothingBuffered();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Finding);
    const finding = thrown as Finding;
    expect(finding.details.kind).toBe('extra-bytes');
    expect(finding.details.actual).toBe('"\\x00extra"');
    expect(finding.message).toContain('6 B');
  });
});

describe('Connection.end()', () => {
  it('half-closes: the server sees EOF and can still send', async () => {
    const server = await network.serve((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => socket.end(`you said ${Buffer.concat(chunks).toString()}`));
    });
    const conn = await network.connect(server);
    conn.write('hi');
    conn.end();
    await within(conn.expect('you said hi'), quickMs, 'the reply after EOF');
    await within(conn.expectEof(), quickMs, 'the EOF');
  });
});

describe('Connection.reset()', () => {
  it('makes the server see a reset (ECONNRESET)', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const socket = await server.accepted();
    const error = once(socket, 'error');
    conn.reset();
    expect(await errorCode(error)).toBe('ECONNRESET');
  });

  it('fails a later read with interrupted', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    conn.reset();
    const finding = await findingOf(conn.expect('anything'));
    expect(finding.details.kind).toBe('interrupted');
  });

  it('ends a read pending on the connection at once, rather than leaving it to time out', async () => {
    const server = await network.serve();
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 2_000 } });
    const read = findingOf(conn.expect('never sent'));
    conn.reset();
    // Timing out would blame the server for the test's own reset.
    expect((await read).details.kind).toBe('interrupted');
  });
});

describe('Connection.close()', () => {
  it('sends what was written, then FIN, and resolves once closed', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const received = receiveAll(await server.accepted());
    conn.write('last words');
    await within(conn.close(), quickMs, 'the close');
    expect((await received).toString()).toBe('last words');
    expect(conn.state).toBe('closed');
  });

  it('fails a pending read with interrupted', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const read = findingOf(conn.expect('never sent'));
    await within(conn.close(), quickMs, 'the close');
    expect((await read).details.kind).toBe('interrupted');
  });

  it('resolves after its timeout when the server takes none of what was written', async () => {
    const server = await network.serve((socket) => socket.pause());
    const conn = await network.connect(server);
    conn.write(pattern(64 * 1024 * 1024));
    await within(conn.close(200), quickMs, 'the close');
    expect(conn.state).toBe('closed');
  });

  it('does nothing more on a connection already closed', async () => {
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { log });
    await within(conn.close(), quickMs, 'the first close');
    await within(conn.close(), quickMs, 'the second close');
    expect(log.events.filter((event) => event.kind === 'close')).toHaveLength(1);
  });
});

describe('Connection.pause() and resume()', () => {
  it("while paused, reads nothing, so the server's writes back up; after resume() everything arrives", async () => {
    const data = pattern(32 * 1024 * 1024);
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { log });
    const socket = await server.accepted();
    conn.pause();
    const writing = writeInTurn(socket, data);
    // The kernel's buffers fill, and the server can hand it nothing more.
    const handedOver = await untilSteady(() => writing.handedOver);
    expect(handedOver).toBeLessThan(data.length);
    expect(socket.writableLength).toBeGreaterThan(0);
    expect(conn.bytesReceived).toBe(0);
    conn.resume();
    await within(conn.expect(data), 30_000, 'everything after resume()');
    expect(writing.handedOver).toBe(data.length);
    const kinds = log.events.map((event) => event.kind);
    expect(kinds.indexOf('pause')).toBeLessThan(kinds.indexOf('resume'));
    expect(kinds.indexOf('pause')).toBeGreaterThan(-1);
  });
});

describe('Connection.sentOrStalled()', () => {
  const piece = 64 * 1024;

  it('resolves true once everything written is handed to the kernel', async () => {
    const server = await network.serve((socket) => socket.resume());
    const conn = await network.connect(server);
    conn.write('hello');
    expect(await within(conn.sentOrStalled(), quickMs, 'sending')).toBe(true);
  });

  it('resolves false when the server takes nothing for stallMs', async () => {
    const server = await network.serve((socket) => socket.pause());
    const conn = await network.connect(server);
    const data = pattern(64 * 1024 * 1024);
    for (let offset = 0; offset < data.length; offset += piece)
      conn.write(data.subarray(offset, offset + piece));
    expect(await within(conn.sentOrStalled(100), quickMs, 'the stall')).toBe(false);
  });

  it('keeps waiting while a slow server keeps taking data, and resolves true when all is sent', async () => {
    const stallMs = 500;
    // The server reads a chunk, then rests 5 ms: never idle for long, but 16 MiB take it over a second.
    const server = await network.serve((socket) => {
      socket.on('data', () => {
        socket.pause();
        setTimeout(() => socket.resume(), 5);
      });
    });
    const conn = await network.connect(server);
    const data = pattern(16 * 1024 * 1024);
    for (let offset = 0; offset < data.length; offset += piece)
      conn.write(data.subarray(offset, offset + piece));
    expect(await within(conn.sentOrStalled(stallMs), 30_000, 'sending to the slow server')).toBe(true);
  }, 40_000);
});

describe('Connection receive buffer', () => {
  const maxBufferedBytes = 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 'x');

  it('stays bounded while the server floods and the test reads nothing, and the next read fails with flood', async () => {
    let flood: { readonly handedOver: number } = { handedOver: 0 };
    const server = await network.serve((socket) => (flood = floodForever(socket, chunk)));
    const log = new EventLog();
    const conn = await network.connect(server, { log, limits: { ...patientLimits, maxBufferedBytes } });
    await expect.poll(() => conn.bytesBuffered, { timeout: quickMs }).toBeGreaterThan(maxBufferedBytes);
    // The connection stops reading: the server can hand the kernel nothing more.
    await untilSteady(() => flood.handedOver);
    // A read from the socket is at most 64 KiB.
    expect(conn.bytesBuffered).toBeLessThanOrEqual(maxBufferedBytes + 64 * 1024);
    expect(conn.bytesReceived).toBe(conn.bytesBuffered);
    expect(log.events.some((event) => event.kind === 'pause' && event.detail === 'receive buffer full')).toBe(
      true,
    );
    const finding = await findingOf(conn.expect(Buffer.alloc(4 * maxBufferedBytes, 'x')));
    expect(finding.details.kind).toBe('flood');
    expect(finding.message).toContain('more than was asked for: over 1 MiB');
  });

  it('keeps nothing more once the test closes it, while the socket still reads until it is gone', async () => {
    // The server takes none of what is written, so the close waits; meanwhile it floods.
    const server = await network.serve((socket) => {
      socket.pause();
      floodForever(socket, chunk);
    });
    const conn = await network.connect(server, { limits: { ...patientLimits, maxBufferedBytes } });
    conn.write(pattern(32 * 1024 * 1024));
    const closing = conn.close(quickMs);
    const atClose = conn.bytesBuffered;
    await expect
      .poll(() => conn.bytesReceived, { timeout: quickMs })
      .toBeGreaterThan(atClose + 4 * maxBufferedBytes);
    expect(conn.bytesBuffered).toBe(atClose);
    conn.discard();
    await within(closing, quickMs, 'the close');
  });

  it('is not flooded by a reply the test is reading, however large', async () => {
    const server = await network.serve((socket) => socket.end(Buffer.alloc(8 * maxBufferedBytes, 'x')));
    const conn = await network.connect(server, { limits: { ...patientLimits, maxBufferedBytes } });
    await within(conn.expect(Buffer.alloc(8 * maxBufferedBytes, 'x')), 20_000, 'the large reply');
    await within(conn.expectEof(), quickMs, 'the EOF');
  });
});

describe('Connection.abort() and discard()', () => {
  it('abort() fails a pending read with the finding given and resets the connection', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const socket = await server.accepted();
    const error = once(socket, 'error');
    const read = findingOf(conn.expect('never sent'));
    conn.abort(new Finding({ kind: 'interrupted', message: 'the test ran out of time' }));
    const finding = await read;
    expect(finding.details.kind).toBe('interrupted');
    expect(finding.message).toBe('the test ran out of time');
    expect(await errorCode(error)).toBe('ECONNRESET');
  });

  it('discard() resets the connection without logging a step', async () => {
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { log });
    const socket = await server.accepted();
    const error = once(socket, 'error');
    conn.discard();
    expect(await errorCode(error)).toBe('ECONNRESET');
    expect(log.events.map((event) => event.kind)).toEqual(['connect']);
  });
});
