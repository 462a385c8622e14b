import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectHost,
  describeForeign,
  foreignListener,
  listenersByOwner,
  ownedSocketInodes,
} from '../../../harness/supervisor/find-listener.js';
import type { ListeningSocket } from '../../../harness/supervisor/proc-net.js';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

async function listen(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  server.listen(0, host);
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

function socket(address: string, port = 8000): ListeningSocket {
  return { inode: 1, family: address.includes(':') ? 6 : 4, address, port, acceptQueue: 0 };
}

describe('connectHost', () => {
  it.each([
    ['0.0.0.0', '127.0.0.1'],
    ['127.0.0.1', '127.0.0.1'],
    ['10.1.2.3', '10.1.2.3'],
    ['::', '::1'],
    ['::1', '::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
  ])('connects to a socket on %s at %s', (address, host) => {
    expect(connectHost(socket(address))).toBe(host);
  });
});

describe('describeForeign', () => {
  it('names the program when it is known, and says "another program" when not', () => {
    expect(describeForeign({ port: 8000, pid: 42, command: 'python3 old.py' })).toBe(
      'port 8000 is held by another program (pid 42: python3 old.py)',
    );
    expect(describeForeign({ port: 8000, pid: 42 })).toBe('port 8000 is held by another program (pid 42)');
    expect(describeForeign({ port: 8000 })).toBe('port 8000 is held by another program');
  });
});

describe('foreignListener', () => {
  it('finds who listens on a port, with its pid and command line', async () => {
    const port = await listen('127.0.0.1');
    const foreign = await foreignListener(port);
    expect(foreign).toMatchObject({ port, pid: process.pid });
    expect(foreign?.command).toContain('node');
  });

  it('is undefined for a port nobody listens on', async () => {
    const port = await listen('127.0.0.1');
    await new Promise<void>((resolve) => (servers.pop() as Server).close(() => resolve()));
    expect(await foreignListener(port)).toBeUndefined();
  });

  it('looks only among the sockets it is given', async () => {
    const port = await listen('127.0.0.1');
    expect(await foreignListener(port, [])).toBeUndefined();
  });
});

describe('listenersByOwner', () => {
  it("counts a socket of this process's tree as owned, over IPv4 and IPv6", async () => {
    const v4 = await listen('127.0.0.1');
    const v6 = await listen('::1');
    const { owned, foreign } = await listenersByOwner(process.pid);
    expect(owned.map((entry) => entry.port)).toEqual(expect.arrayContaining([v4, v6]));
    expect(foreign.map((entry) => entry.port)).not.toContain(v4);
    const inodes = await ownedSocketInodes(process.pid);
    for (const entry of owned) expect(inodes.has(entry.inode)).toBe(true);
  });

  it('counts every socket as foreign to a process that does not exist', async () => {
    const port = await listen('127.0.0.1');
    const { owned, foreign } = await listenersByOwner(0x7ffffffe);
    expect(owned).toEqual([]);
    expect(foreign.map((entry) => entry.port)).toContain(port);
  });
});
