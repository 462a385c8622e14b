import { once } from 'node:events';
import { connect, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  afterClose,
  afterHalfClose,
  afterWrite,
  openedConnection,
  serverMustClose,
  takeOwed,
} from '../../reference/echo/model.js';
import { createEchoServer } from '../../reference/echo/server.js';
import { idsWith, runConform } from '../support/run-conform.js';

describe('the echo model', () => {
  it('owes back exactly what was written, in order, until it is read', () => {
    let model = afterWrite(afterWrite(openedConnection, Buffer.from('ab')), Buffer.from('c'));
    const { expected, next } = takeOwed(model);
    expect(Buffer.from(expected).toString()).toBe('abc');
    expect(next.owed.length).toBe(0);
    model = afterHalfClose(next);
    expect(serverMustClose(model)).toBe(true);
    expect(serverMustClose(afterHalfClose(afterWrite(openedConnection, Buffer.from('x'))))).toBe(false);
    expect(serverMustClose(afterClose(model))).toBe(false);
  });

  it('refuses a write after the client shut down its sending side', () => {
    expect(() => afterWrite(afterHalfClose(openedConnection), Buffer.from('x'))).toThrow(/cannot write/);
  });
});

describe('the reference echo server', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  async function start(): Promise<number> {
    server = createEchoServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  it('echoes, and closes after the client half-closes', async () => {
    const port = await start();
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.end(Buffer.from([0, 1, 2, 0xff]));
    await once(socket, 'end');
    expect(Buffer.concat(chunks)).toEqual(Buffer.from([0, 1, 2, 0xff]));
    socket.destroy();
  });

  it('passes the whole echo suite, as conform runs it', async () => {
    const run = await runConform([
      '--',
      process.execPath,
      'bin/conform.js',
      'reference',
      'echo',
      '--port',
      '{port}',
    ]);
    expect(idsWith(run.report, 'failed'), run.stdout).toEqual([]);
    expect(run.report?.summary.passed).toBe(12);
    expect(run.exitCode).toBe(0);
  });
});
