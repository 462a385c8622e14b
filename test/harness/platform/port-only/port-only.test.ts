import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { echoSuite } from '../../../../suites/echo/index.js';
import { tryConnect } from '../../../../harness/platform/port-only/try-connect.js';
import { fixtureCopies } from '../../../support/fixture-copies.js';
import { processesMentioning } from '../../../support/processes.js';
import { idsWith, runConform } from '../../../support/run-conform.js';
import { pythonExecutable } from '../../../support/toolchains.js';

describe('tryConnect', () => {
  it('says whether something accepts connections on a port', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    expect(await tryConnect('127.0.0.1', port, 1000)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await tryConnect('127.0.0.1', port, 1000)).toBe(false);
  });
});

describe('conform with CONFORM_PLATFORM=port-only', () => {
  it('tests a correct echo server on the port it gave, and says it could not check who owns the port', async () => {
    const copies = fixtureCopies('conform-port-only-');
    const server = copies.at('echo/correct/threads_echo_server.py');
    const run = await runConform(['--', pythonExecutable(), server, '{port}'], {
      env: { CONFORM_PLATFORM: 'port-only' },
    });
    expect(idsWith(run.report, 'passed'), run.stdout).toEqual(echoSuite.tests.map((test) => test.id));
    expect(run.exitCode).toBe(0);
    const notes = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('note:') && !line.includes('not isolated'));
    expect(notes).toEqual([
      'note: conform could not check who owns the port: it tests whatever accepts connections on the port it gave the server',
    ]);
    expect(processesMentioning(copies.folder)).toEqual([]);
  });
});
