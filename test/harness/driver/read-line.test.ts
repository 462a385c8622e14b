import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../harness/driver/event-log.js';
import { findingOf, patientLimits, quickMs, sendInPieces, useNetwork, within } from './support/network.js';

const network = useNetwork();

describe('Connection.readLine()', () => {
  it('assembles lines split across chunks', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const socket = await server.accepted();
    const first = conn.readLine();
    await sendInPieces(socket, () => conn.bytesReceived, ['hel', 'lo\nwor', 'ld\n']);
    expect((await within(first, quickMs, 'the first line')).toString()).toBe('hello');
    expect((await within(conn.readLine(), quickMs, 'the second line')).toString()).toBe('world');
    expect(conn.bytesBuffered).toBe(0);
  });

  it('reads several lines that came in one chunk, one per call', async () => {
    const server = await network.serve((socket) => socket.write('one\ntwo\n\nthree\n'));
    const conn = await network.connect(server);
    await expect.poll(() => conn.bytesReceived, { timeout: quickMs }).toBe(15);
    const lines: string[] = [];
    for (let count = 0; count < 4; count += 1) {
      lines.push((await within(conn.readLine(), quickMs, 'a line')).toString());
    }
    expect(lines).toEqual(['one', 'two', '', 'three']);
    expect(conn.bytesBuffered).toBe(0);
  });

  it('leaves the bytes after the line for the next read', async () => {
    const server = await network.serve((socket) => socket.write('line\nrest'));
    const conn = await network.connect(server);
    expect((await within(conn.readLine(), quickMs, 'the line')).toString()).toBe('line');
    await within(conn.expect('rest'), quickMs, 'the rest');
  });

  it('keeps a CR before the LF as part of the line', async () => {
    const server = await network.serve((socket) => socket.write('crlf\r\n'));
    const conn = await network.connect(server);
    expect((await within(conn.readLine(), quickMs, 'the line')).toString()).toBe('crlf\r');
  });

  it('fails with eof when the server closes in the middle of a line, saying what arrived', async () => {
    const server = await network.serve((socket) => socket.end('abc'));
    const conn = await network.connect(server);
    const finding = await findingOf(conn.readLine());
    expect(finding.details.kind).toBe('eof');
    expect(finding.details.outcome).toBe('got "abc" then EOF');
    expect(finding.details.actual).toBe('"abc"');
  });

  it('fails with eof when the server closes before a line starts', async () => {
    const server = await network.serve((socket) => socket.end());
    const conn = await network.connect(server);
    const finding = await findingOf(conn.readLine());
    expect(finding.details.kind).toBe('eof');
    expect(finding.details.outcome).toBe('got EOF');
  });

  it('fails with timeout when the LF does not come in time', async () => {
    const server = await network.serve((socket) => socket.write('abc'));
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 100 } });
    const finding = await findingOf(conn.readLine());
    expect(finding.details.kind).toBe('timeout');
    expect(finding.details.outcome).toBe('got "abc" with no LF, then nothing for 100 ms');
  });

  it('fails with flood when more than maxLength bytes come with no LF', async () => {
    const server = await network.serve((socket) => socket.write('a'.repeat(20)));
    const conn = await network.connect(server);
    const finding = await findingOf(conn.readLine({ maxLength: 10 }));
    expect(finding.details.kind).toBe('flood');
    expect(finding.message).toContain('longer than 10 bytes');
  });

  it('accepts a line of exactly maxLength bytes', async () => {
    const server = await network.serve((socket) => socket.write(`${'a'.repeat(10)}\n`));
    const conn = await network.connect(server);
    const line = await within(conn.readLine({ maxLength: 10 }), quickMs, 'the line');
    expect(line.toString()).toBe('a'.repeat(10));
  });

  it('fails with flood for a line longer than maxLength even when its LF comes in the same chunk', async () => {
    // The same bytes fail when the LF comes in a later chunk; the verdict must not depend on how TCP split them.
    const server = await network.serve((socket) => socket.write(`${'a'.repeat(20)}\n`));
    const conn = await network.connect(server);
    await expect.poll(() => conn.bytesReceived, { timeout: quickMs }).toBe(21);
    const finding = await findingOf(conn.readLine({ maxLength: 10 }));
    expect(finding.details.kind).toBe('flood');
  });

  it('records the expectation of a line in the event log, so a failure is marked on it', async () => {
    const log = new EventLog();
    const server = await network.serve((socket) => socket.end('no newline'));
    const conn = await network.connect(server, { log });
    await findingOf(conn.readLine());
    const kinds = log.events.filter((event) => event.kind !== 'read' && event.kind !== 'eof');
    expect(kinds.map((event) => event.kind)).toEqual(['connect', 'expect', 'fail']);
  });
});
