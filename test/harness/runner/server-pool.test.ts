import { randomUUID } from 'node:crypto';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerPool, type LaunchSettings } from '../../../harness/runner/server-pool.js';
import { ServerSession } from '../../../harness/runner/server-session.js';
import type { RunningServer } from '../../../harness/supervisor/start-server.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { repoRoot } from '../../support/run-conform.js';
import { fixture, pythonExecutable } from '../../support/toolchains.js';
import { pollUntil } from '../../support/wait.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';

const startupTimeoutMs = 20_000;
const waitMs = 10_000;

const pools: ServerPool[] = [];
const acquired: RunningServer[] = [];
const markers: string[] = [];

afterEach(async () => {
  for (const server of acquired.splice(0)) await server.process.stop();
  for (const pool of pools.splice(0)) await pool.close();
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
});

function pidOf(line: string): number {
  return Number(line.slice(0, line.indexOf(':')));
}

function pool(
  script: string,
  launch: Partial<LaunchSettings> = {},
  options: { env?: Record<string, string>; startAhead?: number } = {},
): { pool: ServerPool; marker: string } {
  const marker = `conform-pool-test-${randomUUID()}`;
  markers.push(marker);
  const created = new ServerPool(
    {
      command: {
        file: pythonExecutable(),
        args: [fixture(`supervisor/${script}`), '{port}', marker],
        env: options.env ?? {},
        cwd: repoRoot,
      },
      startupTimeoutMs,
      platform: procPlatform,
      ...launch,
    },
    undefined,
    options.startAhead,
  );
  pools.push(created);
  return { pool: created, marker };
}

async function acquire(from: ServerPool): Promise<RunningServer> {
  const server = await from.acquire();
  acquired.push(server);
  return server;
}

/** The pool starts its next server in the background: only /proc shows when it has. */
async function processCount(marker: string, count: number): Promise<number[]> {
  const seen = await pollUntil(() => processesMentioning(marker).length === count, waitMs);
  const pids = processesMentioning(marker).map(pidOf);
  if (!seen) throw new Error(`expected ${count} processes, found ${pids.length}`);
  return pids;
}

describe('ServerPool', () => {
  it('starts the next server ahead once one has listened on its port, and hands that one out next', async () => {
    const { pool: servers, marker } = pool('listen_on_port.py');
    expect(servers.everStarted).toBe(false);
    expect(servers.firstPort).toBeNull();

    const first = await acquire(servers);
    expect(first.listener.port).toBe(first.requestedPort);
    expect(servers.startedAhead).toBe(1);
    expect(servers.everStarted).toBe(true);
    expect(servers.firstPort).toBe(first.listener.port);

    const ahead = (await processCount(marker, 2)).filter((pid) => pid !== first.process.pid);
    expect(ahead).toHaveLength(1);
    const second = await acquire(servers);
    expect(second.process.pid).toBe(ahead[0]);
    expect(second.process.exit).toBeUndefined();
    expect(second.listener.port).not.toBe(first.listener.port);
    expect(servers.firstPort).toBe(first.listener.port);

    await first.process.stop();
    await second.process.stop();
    // The second hand-out started a third server ahead; closing the pool stops it.
    const [third] = await processCount(marker, 1);
    expect([first.process.pid, second.process.pid]).not.toContain(third);
    await servers.close();
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('starts servers on a fixed --port one at a time, on demand', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    const { pool: servers, marker } = pool('listen_on_port.py', { port });
    const first = await acquire(servers);
    expect(first.listener.port).toBe(port);
    expect(processesMentioning(marker).map(pidOf)).toEqual([first.process.pid]);
    await first.process.stop();

    const second = await servers.acquire(first.listener.port);
    acquired.push(second);
    expect(second.listener.port).toBe(port);
    expect(second.process.pid).not.toBe(first.process.pid);
    expect(processesMentioning(marker).map(pidOf)).toEqual([second.process.pid]);
    await second.process.stop();
    await servers.close();
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('starts nothing ahead for after the last test, unless that test starts a server again', async () => {
    const { pool: servers, marker } = pool('listen_on_port.py');
    servers.testsToCome(0);
    const first = await acquire(servers);
    expect(first.listener.port).toBe(first.requestedPort);
    expect(servers.startedAhead).toBe(0);
    // A last test that starts its server again may need more: starting ahead resumes.
    await first.process.stop();
    const second = await servers.acquire(first.listener.port);
    acquired.push(second);
    expect(servers.startedAhead).toBe(1);
    await second.process.stop();
    await servers.close();
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('keeps as many servers ready as tests run at once, but none for tests that will not come', async () => {
    const { pool: servers, marker } = pool('listen_on_port.py', {}, { startAhead: 3 });
    servers.testsToCome(2);
    const first = await acquire(servers);
    expect(servers.startedAhead).toBe(2);
    await processCount(marker, 3);
    servers.testsToCome(1);
    const second = await acquire(servers);
    expect(servers.startedAhead).toBe(1);
    servers.testsToCome(0);
    const third = await acquire(servers);
    expect(servers.startedAhead).toBe(0);
    expect(new Set([first, second, third].map((server) => server.listener.port)).size).toBe(3);
    await servers.close();
  });

  it('learns from its first server whether servers can run side by side', async () => {
    const { pool: apart } = pool('listen_on_port.py');
    expect(apart.serversApart).toBeUndefined();
    await acquire(apart);
    await apart.serversApartKnown;
    expect(apart.serversApart).toBe(true);

    const { pool: fixed } = pool('own_port.py', {}, { env: { OWN_PORT: '0' } });
    await acquire(fixed);
    expect(fixed.serversApart).toBe(false);
    expect(fixed.startedAhead).toBe(0);
  });

  it('knows from the start that servers on one --port cannot run side by side, unless isolated', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    expect(pool('listen_on_port.py', { port }).pool.serversApart).toBe(false);
    expect(pool('listen_on_port.py', { port, isolated: true }).pool.serversApart).toBe(true);
    expect(pool('listen_on_port.py', { isolated: true }).pool.serversApart).toBe(true);
  });

  it('closes cleanly when nothing was started', async () => {
    const { pool: servers, marker } = pool('listen_on_port.py');
    await servers.close();
    expect(servers.everStarted).toBe(false);
    expect(servers.firstPort).toBeNull();
    expect(processesMentioning(marker)).toEqual([]);
  });
});

describe('ServerSession', () => {
  it('gives callers who ask while a server starts that one server, not one each', async () => {
    // Nothing started ahead: every server running is one a caller asked for.
    const { pool: from, marker } = pool('listen_on_port.py', {}, { startAhead: 0 });
    const session = new ServerSession(from);
    try {
      const [first, second] = await Promise.all([session.ensure(), session.ensure()]);
      expect(second).toBe(first);
      expect(processesMentioning(marker)).toHaveLength(1);
    } finally {
      await session.close();
    }
  });

  it('closed while a server starts, returns once that server is up and stopped, and refuses it to its caller', async () => {
    const { pool: from, marker } = pool('listen_on_port.py', {}, { startAhead: 0 });
    const session = new ServerSession(from);
    const asked = session.ensure().then(
      () => 'given',
      (error: unknown) => (error as Error).message,
    );
    // The server has begun (its process exists) but the test is over.
    await processCount(marker, 1);
    // close() returns only once that server is gone.
    await session.close();
    expect(processesMentioning(marker)).toEqual([]);
    expect(await asked).toBe('the test is over: no more servers for it');
  });
});
