import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListeningSocket } from '../../../harness/platform/platform.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import { connectHost, describeForeign, foreignListener } from '../../../harness/supervisor/find-listener.js';

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
  return { id: '1', family: address.includes(':') ? 6 : 4, address, port, acceptQueue: 0 };
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
    const foreign = await foreignListener(procPlatform, port);
    expect(foreign).toMatchObject({ port, pid: process.pid });
    expect(foreign?.command).toContain('node');
  });

  it('is undefined for a port nobody listens on', async () => {
    const port = await listen('127.0.0.1');
    await new Promise<void>((resolve) => (servers.pop() as Server).close(() => resolve()));
    expect(await foreignListener(procPlatform, port)).toBeUndefined();
  });

  it('looks only among the sockets it is given', async () => {
    const port = await listen('127.0.0.1');
    expect(await foreignListener(procPlatform, port, [])).toBeUndefined();
  });
});

describe('listenersByOwner on /proc', () => {
  it("counts a socket of this process's tree as owned, over IPv4 and IPv6", async () => {
    const v4 = await listen('127.0.0.1');
    const v6 = await listen('::1');
    const { owned, foreign } = await procPlatform.listenersByOwner(process.pid, v4);
    expect(owned.map((entry) => entry.port)).toEqual(expect.arrayContaining([v4, v6]));
    expect(foreign.map((entry) => entry.port)).not.toContain(v4);
    const ids = await procPlatform.ownedSocketIds(process.pid);
    for (const entry of owned) expect(ids.has(entry.id)).toBe(true);
  });

  it('counts every socket as foreign to a process that does not exist', async () => {
    const port = await listen('127.0.0.1');
    const { owned, foreign } = await procPlatform.listenersByOwner(0x7ffffffe, port);
    expect(owned).toEqual([]);
    expect(foreign.map((entry) => entry.port)).toContain(port);
  });
});
