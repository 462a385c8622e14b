import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe } from 'vitest';
import { echoSuite } from '../../suites/echo/index.js';
import { resolveSandbox } from '../../harness/config/resolve-sandbox.js';
import { Sandbox } from '../../harness/supervisor/sandbox/sandbox.js';
import { repoRoot } from '../support/run-conform.js';
import { assertBuilt } from './conform-child.js';
import { itHandles } from './hostile-case.js';

beforeAll(assertBuilt);

const isolation = Sandbox.prepare(resolveSandbox({}, { env: process.env, cwd: repoRoot })).isolated;
const both = ['--only', 'echo.accept', '--only', 'echo.single-message', '--seed', '1'];

describe('servers that never get to serving', () => {
  itHandles({
    fixture: 'never_listens.py',
    behaviour: 'runs without a socket: every selected test is an error after the startup timeout',
    suite: echoSuite,
    args: [...both, '--startup-timeout', '2000'],
    verdicts: {
      'echo.accept': {
        status: 'error',
        kind: 'startup',
        says: /did not listen on any TCP port within 2000 ms[\s\S]*calls listen\(\)/,
      },
      'echo.single-message': { status: 'error', kind: 'startup', says: /^not run: the server never started/ },
    },
    exitCode: 3,
    terminal: [
      /What failed {2}the server did not listen on any TCP port within 2000 ms/,
      /raise --startup-timeout/,
    ],
    deadlineMs: 20_000,
  });

  itHandles({
    fixture: 'exits_at_once.py',
    behaviour: 'exits with code 3 at once: an error that shows the exit code and its stderr',
    suite: echoSuite,
    args: both,
    verdicts: {
      'echo.accept': {
        status: 'error',
        kind: 'startup',
        says: /the server exited with code 3 before listening/,
      },
      'echo.single-message': { status: 'error', kind: 'startup', says: /^not run: the server never started/ },
    },
    exitCode: 3,
    terminal: [/Server {7}exited with code 3/, /server: cannot start, giving up/],
    deadlineMs: 15_000,
  });

  let holder: ReturnType<typeof createServer> | undefined;
  const holdPort = async () => {
    holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as AddressInfo;
    return {
      args: ['--port', String(port)],
      release: async () => {
        holder?.close();
        if (holder !== undefined) await once(holder, 'close');
      },
    };
  };
  itHandles({
    fixture: 'binds_given_port.py',
    behaviour:
      'is given, with --port, a port another program already listens on: a foreign-port error, exit 3',
    suite: echoSuite,
    // In a network of its own the port is the server's alone: that case is below.
    args: [...both, '--isolate', 'off'],
    verdicts: {
      'echo.accept': {
        status: 'error',
        kind: 'foreign-port',
        says: new RegExp(`port \\d+ is held by another program \\(pid ${process.pid}: .*node`),
      },
      'echo.single-message': {
        status: 'error',
        kind: 'foreign-port',
        says: /^not run: the server never started/,
      },
    },
    exitCode: 3,
    terminal: [
      /is held by another program/,
      /conform only tests a server it started itself/,
      /choose another --port/,
    ],
    deadlineMs: 15_000,
    around: holdPort,
  });

  itHandles(
    {
      fixture: 'binds_given_port.py',
      behaviour:
        'is given a port another program listens on outside its network namespace: it is tested there',
      suite: echoSuite,
      args: [...both, '--isolate', 'on'],
      verdicts: { 'echo.accept': { status: 'passed' }, 'echo.single-message': { status: 'passed' } },
      exitCode: 0,
      // --isolate on: run in namespaces, or not at all (exit 3).
      terminal: [/2 passed, 0 failed/],
      deadlineMs: 15_000,
      around: holdPort,
    },
    isolation ? undefined : 'the kernel gives conform no network namespace here (it needs root)',
  );
});
