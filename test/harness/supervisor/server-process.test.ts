import { spawn as spawnChild } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../harness/platform/platform.js';
import { liveGroupCount } from '../../../harness/supervisor/live-groups.js';
import { listeningSockets } from '../../../harness/platform/proc/proc-net.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import { ServerProcess, tagVariable, type LaunchSpec } from '../../../harness/supervisor/server-process.js';
import { startServer, type RunningServer } from '../../../harness/supervisor/start-server.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { repoRoot } from '../../support/run-conform.js';
import { fixture, pythonExecutable } from '../../support/toolchains.js';
import { outputMatching, pollUntil, withDeadline } from '../../support/wait.js';

const startupTimeoutMs = 20_000;
/** Says when it is ready, and on SIGTERM says so and runs on. */
const notesSigterm = [
  'import os, signal, time',
  // os.write, not sys.stdout: a second SIGTERM arriving inside a buffered write would raise.
  'def noted(*_):',
  "    os.write(1, b'SIGTERM\\n')",
  'signal.signal(signal.SIGTERM, noted)',
  "print('ready', flush=True)",
  'while True: time.sleep(60)',
].join('\n');
const waitMs = 10_000;

const started: ServerProcess[] = [];
/** Ends what a test started beside its servers. */
const releases: (() => Promise<void>)[] = [];
const markers: string[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
  for (const release of releases.splice(0)) await release();
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
});

function newMarker(): string {
  const marker = `conform-process-test-${randomUUID()}`;
  markers.push(marker);
  return marker;
}

/** Live (not zombie) processes whose process group is `pgid`, read from /proc. */
function liveInGroup(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

function spawn(spec: Omit<LaunchSpec, 'cwd' | 'env'> & Partial<LaunchSpec>): ServerProcess {
  const server = ServerProcess.spawn({ env: {}, cwd: repoRoot, ...spec }, procPlatform);
  started.push(server);
  return server;
}

/**
 * A zombie whose parent lives on and never reaps it (sh forks a child, then becomes sleep, which
 * waits for no one). `release` ends the parent, so init reaps the zombie.
 */
async function unreapedZombie(): Promise<{ pid: number; release: () => Promise<void> }> {
  const parent = spawnChild('sh', ['-c', 'true & exec sleep 60'], { stdio: 'ignore' });
  const release = async (): Promise<void> => {
    if (parent.exitCode === null && parent.signalCode === null) {
      parent.kill('SIGKILL');
      await withDeadline(once(parent, 'exit'), waitMs, 'the zombie’s parent ending');
    }
  };
  releases.push(release);
  const child = (): number | undefined => {
    try {
      const listed = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim();
      const pid = Number(listed);
      return listed !== '' && /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')) ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  if (!(await pollUntil(() => child() !== undefined, waitMs)))
    throw new Error('the child of sh did not become a zombie');
  return { pid: child() as number, release };
}

async function startPython(script: string): Promise<{ server: RunningServer; marker: string }> {
  const marker = newMarker();
  const server = await startServer({
    command: {
      file: pythonExecutable(),
      args: [fixture(`supervisor/${script}`), '{port}', marker],
      env: {},
      cwd: repoRoot,
    },
    startupTimeoutMs,
    platform: procPlatform,
  });
  started.push(server.process);
  return { server, marker };
}

describe('ServerProcess', () => {
  it('runs in a process group of its own and keeps its output', async () => {
    const marker = newMarker();
    const server = spawn({ file: 'sh', args: ['-c', `echo out; echo err >&2; exit 7 # ${marker}`] });
    expect(await withDeadline(server.exited, waitMs, 'exit')).toEqual({ code: 7, signal: null });
    expect(server.exit).toEqual({ code: 7, signal: null });
    expect(server.exitedOnItsOwn).toBe(true);
    expect((await outputMatching(server.stdout, /out\n/, waitMs)).input).toBe('out\n');
    expect((await outputMatching(server.stderr, /err\n/, waitMs)).input).toBe('err\n');
  });

  it('passes only the environment it is given, and a tag of its own', async () => {
    const server = spawn({
      file: 'sh',
      args: ['-c', `echo "[$ONLY] [$HOME] [$${tagVariable}]" # ${newMarker()}`],
      env: { ONLY: 'this' },
    });
    const other = spawn({ file: 'sh', args: ['-c', `echo "$${tagVariable}" # ${newMarker()}`] });
    const [, tag] = await outputMatching(server.stdout, /^\[this\] \[\] \[([0-9a-f-]{36})\]\n$/, waitMs);
    const [, otherTag] = await outputMatching(other.stdout, /^([0-9a-f-]{36})\n$/, waitMs);
    expect(otherTag).not.toBe(tag);
  });

  it('stops a daemon that left both its process group and its parent', async () => {
    const marker = newMarker();
    const port = await getPort({ host: '127.0.0.1' });
    const server = spawn({
      file: pythonExecutable(),
      args: [fixture('supervisor/daemonizes.py'), String(port), marker],
    });
    await withDeadline(server.exited, waitMs, 'the started process ending');
    // The daemon runs on, in a session of its own, with init for a parent: once it listens, the
    // parent that made it is gone.
    const listening = async (): Promise<boolean> =>
      (await listeningSockets()).some((socket) => socket.port === port) &&
      processesMentioning(marker).length === 1;
    expect(await pollUntil(listening, waitMs)).toBe(true);
    const [daemon] = processesMentioning(marker).map((line) => Number(line.split(':')[0]));
    expect(liveInGroup(server.pid)).toEqual([]);
    expect(daemon).not.toBe(server.pid);
    await server.stop();
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('still looks for a daemon when a process it found first is left a zombie no one reaps', async () => {
    // Where init does not reap (some containers), a process of the server killed at stop stays a
    // zombie. The daemon it forked just before must still be looked for, and stopped.
    const zombie = await unreapedZombie();
    const marker = newMarker();
    const port = await getPort({ host: '127.0.0.1' });
    let looks = 0;
    const platform: Platform = {
      ...procPlatform,
      // The first look finds the zombie and not yet the daemon, as if it was forked just after.
      processesWithEnvironment: async (entry) =>
        (looks += 1) === 1 ? [zombie.pid] : procPlatform.processesWithEnvironment(entry),
    };
    const server = ServerProcess.spawn(
      {
        file: pythonExecutable(),
        args: [fixture('supervisor/daemonizes.py'), String(port), marker],
        env: {},
        cwd: repoRoot,
      },
      platform,
    );
    started.push(server);
    await withDeadline(server.exited, waitMs, 'the started process ending');
    expect(await pollUntil(() => processesMentioning(marker).length === 1, waitMs)).toBe(true);
    await server.stop();
    await zombie.release();
    expect(looks).toBeGreaterThan(1);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('is the leader of its process group', async () => {
    const { server } = await startPython('listen_on_port.py');
    expect(liveInGroup(server.process.pid)).toEqual([server.process.pid]);
  });

  it('tells whether it ended by itself within a time', async () => {
    const { server } = await startPython('listen_on_port.py');
    expect(await server.process.exitsWithin(50)).toBe(false);
    const ending = spawn({ file: 'sh', args: ['-c', `exit 0 # ${newMarker()}`] });
    expect(await ending.exitsWithin(waitMs)).toBe(true);
  });

  it('calls exit listeners once when it ends, except one taken back, and at once after the end', async () => {
    const ending = spawn({ file: 'sh', args: ['-c', `read line; exit 0 # ${newMarker()}`] });
    const calls: string[] = [];
    ending.onceExit(() => calls.push('kept'));
    const takeBack = ending.onceExit(() => calls.push('taken back'));
    takeBack();
    await ending.stop();
    expect(calls).toEqual(['kept']);
    const late = new Promise<void>((resolve) => ending.onceExit(resolve));
    await withDeadline(late, waitMs, 'a listener added after the end');
    expect(calls).toEqual(['kept']);
  });

  it('stops a server that honours SIGTERM with SIGTERM, and no process of its group is left', async () => {
    const { server, marker } = await startPython('listen_on_port.py');
    const exit = await server.process.stop();
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(server.process.exitedOnItsOwn).toBe(false);
    expect(liveInGroup(server.process.pid)).toEqual([]);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('ends with SIGKILL a server that ignores SIGTERM, and the child and grandchild it forked', async () => {
    const { server, marker } = await startPython('ignores_sigterm_forks.py');
    const pgid = server.process.pid;
    const family = processesMentioning(marker).map((line) => Number(line.slice(0, line.indexOf(':'))));
    expect(family).toHaveLength(3);
    expect(liveInGroup(pgid).sort()).toEqual([...family].sort());

    const exit = await withDeadline(server.process.stop(200), waitMs, 'stop');
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(liveInGroup(pgid)).toEqual([]);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('by default sends SIGTERM first, and SIGKILL to a server that ignored it', async () => {
    const marker = newMarker();
    const server = spawn({ file: pythonExecutable(), args: ['-c', notesSigterm, marker] });
    await outputMatching(server.stdout, /^ready\n/, waitMs);
    const exit = await withDeadline(server.stop(), waitMs, 'stop');
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    // Its handler ran, so SIGTERM came first; SIGKILL then ended it.
    // The group and then each process are signalled: the handler may run more than once.
    expect((await outputMatching(server.stdout, /SIGTERM\n/, waitMs)).input).toMatch(/^ready\n(SIGTERM\n)+$/);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('stops a child that moved to a session of its own and holds the listening socket', async () => {
    const { server, marker } = await startPython('new_session_child.py');
    expect(processesMentioning(marker)).toHaveLength(2);
    await server.process.stop();
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('returns how a server that already ended ended, and still counts it as ended by itself', async () => {
    const server = spawn({ file: 'sh', args: ['-c', `exit 4 # ${newMarker()}`] });
    await withDeadline(server.exited, waitMs, 'exit');
    expect(await server.stop()).toEqual({ code: 4, signal: null });
    expect(server.exitedOnItsOwn).toBe(true);
  });

  it('reports a program that cannot be started as a spawn error', async () => {
    const server = spawn({ file: `/nonexistent/${newMarker()}`, args: [] });
    expect(server.pid).toBeLessThanOrEqual(0);
    const exit = await withDeadline(server.exited, waitMs, 'spawn failure');
    expect(exit).toEqual({ code: null, signal: null, spawnError: 'ENOENT' });
    expect(await server.stop()).toEqual(exit);
  });

  it('counts its group as live until it is stopped', async () => {
    const before = liveGroupCount();
    const { server } = await startPython('listen_on_port.py');
    expect(liveGroupCount()).toBe(before + 1);
    await server.process.stop();
    expect(liveGroupCount()).toBe(before);
  });
});
