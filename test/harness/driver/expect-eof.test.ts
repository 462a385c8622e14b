import { describe, expect, it } from 'vitest';
import { findingOf, patientLimits, quickMs, useNetwork, within } from './support/network.js';

const network = useNetwork();

describe('Connection.expectEof()', () => {
  it('resolves when the server closes its side', async () => {
    const server = await network.serve();
    const conn = await network.connect(server);
    const read = conn.expectEof();
    (await server.accepted()).end();
    await within(read, quickMs, 'the EOF');
    expect(conn.state).toBe('eof');
  });

  it('resolves for a FIN that arrived before it was called', async () => {
    const server = await network.serve((socket) => socket.end());
    const conn = await network.connect(server);
    await expect.poll(() => conn.state, { timeout: quickMs }).toBe('eof');
    await within(conn.expectEof(), quickMs, 'the EOF');
  });

  it('resolves after the reply was read in full and the server closed', async () => {
    const server = await network.serve((socket) => socket.end('bye'));
    const conn = await network.connect(server);
    await within(conn.expect('bye'), quickMs, 'the reply');
    await within(conn.expectEof(), quickMs, 'the EOF');
  });

  it('fails with extra-bytes when data comes before the FIN', async () => {
    const server = await network.serve((socket) => socket.end('extra'));
    const conn = await network.connect(server);
    const finding = await findingOf(conn.expectEof());
    expect(finding.details.kind).toBe('extra-bytes');
    expect(finding.details.actual).toBe('"extra"');
    expect(finding.details.outcome).toBe('got "extra" instead of EOF');
    expect(finding.details.lastByte).toBeNull();
  });

  it('fails with extra-bytes for unread bytes buffered before it was called', async () => {
    const server = await network.serve((socket) => socket.end('left over'));
    const conn = await network.connect(server);
    await within(conn.expect('left'), quickMs, 'the first word');
    await expect.poll(() => conn.state, { timeout: quickMs }).toBe('eof');
    const finding = await findingOf(conn.expectEof());
    expect(finding.details.kind).toBe('extra-bytes');
    expect(finding.details.actual).toBe('" over"');
    // The last byte read before them: 't' of "left".
    expect(finding.details.lastByte).toBe(0x74);
  });

  it('fails with not-closed when the server keeps the connection open past the timeout', async () => {
    const server = await network.serve();
    const conn = await network.connect(server, { limits: { ...patientLimits, replyTimeoutMs: 100 } });
    const finding = await findingOf(conn.expectEof());
    expect(finding.details.kind).toBe('not-closed');
    expect(finding.details.outcome).toBe('still open after 100 ms');
  });

  it('fails with reset when the server resets instead of closing', async () => {
    const server = await network.serve((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const conn = await network.connect(server);
    conn.write('go');
    const finding = await findingOf(conn.expectEof());
    expect(finding.details.kind).toBe('reset');
  });
});
