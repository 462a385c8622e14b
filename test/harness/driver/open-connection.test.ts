import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../harness/driver/event-log.js';
import { openConnection } from '../../../harness/driver/open-connection.js';
import {
  findingOf,
  host,
  patientLimits,
  quickMs,
  receiveAll,
  useNetwork,
  within,
} from './support/network.js';

const network = useNetwork();

describe('openConnection()', () => {
  it('connects, names the connection, and logs where it connected from', async () => {
    const log = new EventLog();
    const server = await network.serve();
    const conn = await network.connect(server, { name: 'alice', log });
    const socket = await server.accepted();
    expect(conn.name).toBe('alice');
    expect(conn.state).toBe('open');
    expect(socket.remotePort).toBe(conn.localPort);
    expect(log.events).toHaveLength(1);
    expect(log.events[0]).toMatchObject({
      conn: 'alice',
      kind: 'connect',
      detail: `${host}:${server.port} from port ${conn.localPort}`,
    });
  });

  it('fails with refused when nothing listens on the port, and logs it', async () => {
    const log = new EventLog();
    const port = await network.freePort();
    const finding = await findingOf(openConnection('c1', { host, port }, log, patientLimits));
    expect(finding.details.kind).toBe('refused');
    expect(finding.details.conn).toBe('c1');
    expect(finding.details.outcome).toBe('connection refused');
    expect(finding.message).toContain(`${host}:${port}`);
    expect((finding.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(log.events.map(({ kind, detail }) => ({ kind, detail }))).toEqual([
      { kind: 'connect-failed', detail: 'ECONNREFUSED' },
    ]);
  });

  it('writes an IPv6 endpoint in brackets', async () => {
    const port = await network.freePort();
    const finding = await findingOf(
      openConnection('c1', { host: '::1', port }, new EventLog(), patientLimits),
    );
    expect(finding.message).toContain(`[::1]:${port}`);
  });

  it('opens connections that can still send after the server has closed its side', async () => {
    const server = await network.serve((socket) => socket.end());
    const conn = await network.connect(server);
    const received = receiveAll(await server.accepted());
    await within(conn.expectEof(), quickMs, 'the server to close its side');
    conn.write('still talking');
    conn.end();
    expect((await received).toString()).toBe('still talking');
  });
});
