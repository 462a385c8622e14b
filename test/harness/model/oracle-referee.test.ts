import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../harness/driver/connection.js';
import { EventLog } from '../../../harness/driver/event-log.js';
import { openConnection } from '../../../harness/driver/open-connection.js';
import { OracleReferee } from '../../../harness/model/oracle-referee.js';
import { RunKnowledge } from '../../../harness/runner/run-knowledge.js';
import type { RunContext } from '../../../harness/runner/run-scope.js';

const limits = { replyTimeoutMs: 2000, maxBufferedBytes: 1 << 20, connectTimeoutMs: 2000 };

let oracle: Server | undefined;
const connections: Connection[] = [];
afterEach(() => {
  for (const connection of connections.splice(0)) connection.reset();
  oracle?.close();
});

/** An oracle that answers PING with PONG, QUIT with BYE and a close, and any other line in capitals. */
async function refereeOfOracle(): Promise<OracleReferee> {
  oracle = createServer((socket) => {
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (line === 'QUIT') {
          socket.end('BYE\n');
          return;
        }
        socket.write(line === 'PING' ? 'PONG\n' : `${line.toUpperCase()}\n`);
      }
    });
    socket.on('error', () => undefined);
  });
  oracle.listen(0, '127.0.0.1');
  await once(oracle, 'listening');
  const endpoint = { host: '127.0.0.1', port: (oracle.address() as AddressInfo).port };
  const log = new EventLog();
  const run: Partial<RunContext> = {
    connectOracle: async (name) => {
      const connection = await openConnection(name, endpoint, log, limits);
      connections.push(connection);
      return connection;
    },
    oracleFailed: (error) => error as Error,
    knowledge: new RunKnowledge(),
  };
  return new OracleReferee(run as RunContext, '\n', 'PING', /^PONG$/);
}

describe('OracleReferee', () => {
  it('owes a client what the oracle sent it up to the answer to its barrier', async () => {
    const referee = await refereeOfOracle();
    await referee.happened({ kind: 'connect', client: 'c1' });
    await referee.happened({ kind: 'line', client: 'c1', line: 'hi' });
    expect(await referee.owed('c1', 'PING')).toEqual({ lines: ['HI'], reply: ['PONG'], closes: false });
  });

  it('owes the answer to a barrier line sent as a step as a line, apart from the barrier’s own', async () => {
    const referee = await refereeOfOracle();
    await referee.happened({ kind: 'connect', client: 'c1' });
    await referee.happened({ kind: 'line', client: 'c1', line: 'PING' });
    await referee.happened({ kind: 'line', client: 'c1', line: 'x' });
    expect(await referee.owed('c1', 'PING')).toEqual({
      lines: ['PONG', 'X'],
      reply: ['PONG'],
      closes: false,
    });
    // Nothing is left over to shift the next step's lines.
    await referee.happened({ kind: 'line', client: 'c1', line: 'y' });
    expect(await referee.owed('c1', 'PING')).toEqual({ lines: ['Y'], reply: ['PONG'], closes: false });
  });

  it('owes what the oracle sent before it closed the client, then the close', async () => {
    const referee = await refereeOfOracle();
    await referee.happened({ kind: 'connect', client: 'c1' });
    await referee.happened({ kind: 'line', client: 'c1', line: 'QUIT' });
    expect(await referee.owed('c1', 'PING')).toEqual({ lines: ['BYE'], reply: [], closes: true });
  });
});
