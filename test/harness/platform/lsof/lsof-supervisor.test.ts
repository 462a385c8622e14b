import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer, type Server } from 'node:net';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePlatform } from '../../../../harness/config/resolve-platform.js';
import type { Platform } from '../../../../harness/platform/platform.js';
import { ServerProcess, type LaunchSpec } from '../../../../harness/supervisor/server-process.js';
import { startServer, type RunningServer } from '../../../../harness/supervisor/start-server.js';
import { StartupError } from '../../../../harness/supervisor/startup-error.js';
import { fixtureCopies } from '../../../support/fixture-copies.js';
import { killLeftovers, processesMentioning } from '../../../support/processes.js';
import { hasLsof, pythonExecutable } from '../../../support/toolchains.js';
import { pollUntil, withDeadline } from '../../../support/wait.js';

const startupTimeoutMs = 20_000;
const waitMs = 10_000;
const markers: string[] = [];
const started: ServerProcess[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
});

function lsof(): Platform {
  return resolvePlatform({ PATH: process.env.PATH, CONFORM_PLATFORM: 'lsof' }, process.cwd());
}

function python(script: string, env: Record<string, string> = {}): { command: LaunchSpec; marker: string } {
  const marker = `conform-lsof-test-${randomUUID()}`;
  markers.push(marker);
  const at = copies.at(`supervisor/${script}`);
  return {
    command: { file: pythonExecutable(), args: [at, '{port}', marker], env, cwd: copies.folder },
    marker,
  };
}

async function start(command: LaunchSpec, port?: number): Promise<RunningServer> {
  const server = await startServer({
    command,
    startupTimeoutMs,
    platform: lsof(),
    ...(port !== undefined && { port }),
  });
  started.push(server.process);
  return server;
}

async function connects(port: number): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  socket.destroy();
}

const copies = hasLsof
  ? fixtureCopies('conform-lsof-supervisor-')
  : { at: (path: string) => path, folder: '' };

describe.skipIf(!hasLsof)(
  `the supervisor through lsof and ps${hasLsof ? '' : ' (skipped: lsof is not installed)'}`,
  () => {
    it('is ready on the port it gave, found among the sockets lsof lists for the server', async () => {
      const server = await start(python('listen_on_port.py').command);
      expect(server.listener).toMatchObject({ family: 4, address: '127.0.0.1', port: server.requestedPort });
      expect(server.listener.pid).toBe(server.process.pid);
      await connects(server.endpoint.port);
    });

    it('finds a server that ignores its port for one fixed in its code', async () => {
      const fixed = await getPort({ host: '127.0.0.1' });
      const server = await start(python('own_port.py', { OWN_PORT: String(fixed) }).command);
      expect(server.listener.port).toBe(fixed);
      expect(server.endpoint).toEqual({ host: '127.0.0.1', port: fixed });
      await connects(fixed);
    });

    it('refuses a port another program holds, and names that program', async () => {
      const holder = createServer();
      servers.push(holder);
      holder.listen(0, '127.0.0.1');
      await once(holder, 'listening');
      const port = (holder.address() as { port: number }).port;
      const failure = await start(python('listen_on_port.py').command, port).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(StartupError);
      expect((failure as StartupError).reason).toBe('foreign-port');
      expect((failure as StartupError).message).toMatch(
        new RegExp(`port ${port} is held by another program \\(pid ${process.pid}: .*node`),
      );
    });

    it('stops a daemon that left both its process group and its parent, found by its environment', async () => {
      const port = await getPort({ host: '127.0.0.1' });
      const { command, marker } = python('daemonizes.py');
      const server = ServerProcess.spawn(
        { ...command, args: [command.args[0] as string, String(port), marker] },
        lsof(),
      );
      started.push(server);
      await withDeadline(server.exited, waitMs, 'the started process ending');
      expect(await pollUntil(() => processesMentioning(marker).length === 1, waitMs)).toBe(true);
      await server.stop();
      expect(processesMentioning(marker)).toEqual([]);
    });

    it('leaves no process behind: a child in a session of its own, and a tree that ignores SIGTERM', async () => {
      for (const script of ['new_session_child.py', 'ignores_sigterm_forks.py']) {
        const { command, marker } = python(script);
        const server = await start(command);
        await connects(server.endpoint.port);
        expect(processesMentioning(marker).length).toBeGreaterThan(1);
        await server.process.stop(100);
        expect(processesMentioning(marker), script).toEqual([]);
      }
    });

    it('reads the command line of a process, and whether it still runs', async () => {
      const { command, marker } = python('listen_on_port.py');
      const server = await start(command);
      const platform = lsof();
      expect(await platform.commandLine(server.process.pid)).toContain(marker);
      expect(await platform.isRunning(server.process.pid)).toBe(true);
      expect(await platform.stillListening(server.listener)).toBe(true);
      await server.process.stop();
      expect(await platform.isRunning(server.process.pid)).toBe(false);
      expect(await platform.stillListening(server.listener)).toBe(false);
    });
  },
);

describe.skipIf(!hasLsof)('processes by environment through ps', () => {
  it('finds a process whose environment holds an entry, and no other', async () => {
    const entry = `CONFORM_LSOF_TEST=${randomUUID()}`;
    const child = spawn('sleep', ['30'], {
      env: { PATH: process.env.PATH, CONFORM_LSOF_TEST: entry.split('=')[1] },
    });
    try {
      await once(child, 'spawn');
      expect(
        await pollUntil(
          async () => (await lsof().processesWithEnvironment(entry)).includes(child.pid as number),
          waitMs,
        ),
      ).toBe(true);
      expect(await lsof().processesWithEnvironment(`${entry}x`)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
