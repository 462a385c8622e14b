import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProcNet, portInTimeWait, unreadBytes } from '../../../../harness/platform/proc/proc-net.js';
import { pollUntil } from '../../../support/wait.js';

const tcpHeader =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const tcp6Header =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

/** One line of /proc/net/tcp or tcp6, as the kernel prints it. */
function row(
  index: number,
  local: string,
  remote: string,
  state: string,
  queues: string,
  inode: number,
): string {
  return `   ${index}: ${local} ${remote} ${state} ${queues} 00:00000000 00000000     0        0 ${inode} 1 00000000ad9c599c 100 0 0 10 0`;
}

describe('parseProcNet on /proc/net/tcp', () => {
  const text = [
    tcpHeader,
    row(0, '0100007F:8EF3', '00000000:0000', '0A', '00000000:00000000', 37762),
    row(1, '00000000:07E8', '00000000:0000', '0A', '00000080:00000003', 1599),
    row(2, '0100007F:DDEE', '0100007F:9D35', '06', '00000000:00000000', 0),
    row(3, '0100007F:8EF3', '0100007F:C350', '01', '00000000:00000005', 40001),
    row(4, '0B02A8C0:0050', '00000000:0000', '0A', '00000000:00000000', 40002),
    '',
  ].join('\n');

  it('reads only the listening sockets, with their inode, address, port and family', () => {
    expect(parseProcNet(text, 4)).toEqual([
      { inode: 37762, family: 4, address: '127.0.0.1', port: 0x8ef3, acceptQueue: 0 },
      { inode: 1599, family: 4, address: '0.0.0.0', port: 2024, acceptQueue: 3 },
      { inode: 40002, family: 4, address: '192.168.2.11', port: 80, acceptQueue: 0 },
    ]);
  });

  it('takes the accept queue from rx_queue, not tx_queue', () => {
    const [socket] = parseProcNet(
      [tcpHeader, row(0, '0100007F:1F90', '00000000:0000', '0A', '00000081:0000001A', 7)].join('\n'),
      4,
    );
    expect(socket?.acceptQueue).toBe(26);
  });

  it('finds a listener among thousands of other lines, where the line numbers grow wider', () => {
    // The kernel prints the line number as %4d: from line 10000 on, every field moves right.
    const kernelLine = (index: number, local: string, remote: string, state: string, inode: number): string =>
      row(index, local, remote, state, '00000000:00000000', inode).replace(
        /^ +\d+:/,
        `${String(index).padStart(4)}:`,
      );
    const lines = Array.from({ length: 12_000 }, (_, index) =>
      index === 11_000
        ? kernelLine(index, '0100007F:1F90', '00000000:0000', '0A', 8)
        : kernelLine(index, '0100007F:DDEE', '0100007F:9D35', '06', 0),
    );
    expect(lines[11_000]?.startsWith('11000: 0100007F:1F90')).toBe(true);
    expect(parseProcNet([tcpHeader, ...lines].join('\n'), 4)).toEqual([
      { inode: 8, family: 4, address: '127.0.0.1', port: 0x1f90, acceptQueue: 0 },
    ]);
  });

  it('returns nothing for a table with only its header, or no text at all', () => {
    expect(parseProcNet(`${tcpHeader}\n`, 4)).toEqual([]);
    expect(parseProcNet('', 4)).toEqual([]);
  });
});

describe('parseProcNet on /proc/net/tcp6', () => {
  const zero = '00000000000000000000000000000000:0000';
  const listening = (address: string, port: string, inode: number, index = 0): string =>
    row(index, `${address}:${port}`, zero, '0A', '00000000:00000000', inode);

  it.each([
    ['the unspecified address', '00000000000000000000000000000000', '::'],
    ['loopback', '00000000000000000000000001000000', '::1'],
    ['an IPv4-mapped loopback', '0000000000000000FFFF00000100007F', '::ffff:127.0.0.1'],
    ['a documentation address', 'B80D0120000000000000000001000000', '2001:db8::1'],
    ['a link-local address', '000080FE00000000FFFE1302560D00FE', 'fe80::213:feff:fe00:d56'],
    [
      'an address with a single zero group, left uncompressed',
      'B80D0120030000000500040007000600',
      '2001:db8:0:3:4:5:6:7',
    ],
  ])('prints %s in its usual text form', (_name, hex, address) => {
    const [socket] = parseProcNet([tcp6Header, listening(hex, 'A8CD', 85135)].join('\n'), 6);
    expect(socket).toEqual({ inode: 85135, family: 6, address, port: 0xa8cd, acceptQueue: 0 });
  });

  it('reads only listening sockets and their accept queue', () => {
    const text = [
      tcp6Header,
      listening('00000000000000000000000000000000', 'A8CD', 85135, 0),
      row(1, '00000000000000000000000001000000:80BF', zero, '0A', '00000000:00000002', 85136),
      row(
        2,
        '0000000000000000FFFF00000100007F:B9D9',
        '0000000000000000FFFF00000100007F:D431',
        '06',
        '00000000:00000000',
        0,
      ),
    ].join('\n');
    expect(parseProcNet(text, 6)).toEqual([
      { inode: 85135, family: 6, address: '::', port: 0xa8cd, acceptQueue: 0 },
      { inode: 85136, family: 6, address: '::1', port: 0x80bf, acceptQueue: 2 },
    ]);
  });
});

describe('portInTimeWait', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(
      servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
  });

  /** A connection on loopback; `serverClosesFirst` decides which end keeps TIME_WAIT. */
  async function closedConnection(
    serverClosesFirst: boolean,
  ): Promise<{ serverPort: number; clientPort: number }> {
    const server = createServer({ allowHalfOpen: true });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const serverPort = (server.address() as { port: number }).port;
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect({ host: '127.0.0.1', port: serverPort, allowHalfOpen: true });
    sockets.push(client);
    await once(client, 'connect');
    const [serverSide] = await accepted;
    sockets.push(serverSide);
    const clientPort = client.localPort as number;
    const [first, second] = serverClosesFirst ? [serverSide, client] : [client, serverSide];
    const firstClosed = once(first, 'close');
    first.end();
    await once(second, 'end');
    second.end();
    await Promise.all([firstClosed, once(second, 'close')]);
    return { serverPort, clientPort };
  }

  /** The kernel moves a socket to TIME_WAIT when the last FIN is acknowledged: look until it has. */
  // Only the end that closed first keeps TIME_WAIT. The other end's port is not checked for being free:
  // with many connections on the machine, an older TIME_WAIT may hold the same port number.
  it('is true for the server port when the server closed first', async () => {
    const { serverPort } = await closedConnection(true);
    expect(await pollUntil(() => portInTimeWait(serverPort), 5000)).toBe(true);
  });

  it('is true for the client port when the client closed first', async () => {
    const { clientPort } = await closedConnection(false);
    expect(await pollUntil(() => portInTimeWait(clientPort), 5000)).toBe(true);
  });
});

describe('unreadBytes', () => {
  const sockets: Socket[] = [];
  let server: Server | undefined;

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('counts what the client sent and the server program has not read, until it reads', async () => {
    server = createServer({ pauseOnConnect: true });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const serverPort = (server.address() as { port: number }).port;
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect({ host: '127.0.0.1', port: serverPort });
    sockets.push(client);
    await once(client, 'connect');
    const [serverSide] = await accepted;
    sockets.push(serverSide);
    const clientPort = client.localPort as number;
    expect(await unreadBytes(clientPort, serverPort)).toBe(0);

    client.write(Buffer.alloc(100_000, 0x61));
    // The kernel queues it on its own time: only /proc shows when it has.
    expect(await pollUntil(async () => (await unreadBytes(clientPort, serverPort)) === 100_000, 5000)).toBe(
      true,
    );
    let read = 0;
    serverSide.on('data', (chunk: Buffer) => (read += chunk.length));
    serverSide.resume();
    expect(await pollUntil(async () => (await unreadBytes(clientPort, serverPort)) === 0, 5000)).toBe(true);
    expect(read).toBe(100_000);
    expect(
      await unreadBytes(clientPort + 1 === serverPort ? clientPort + 2 : clientPort + 1, serverPort),
    ).toBe(undefined);
  });
});
