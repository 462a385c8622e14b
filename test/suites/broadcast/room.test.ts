import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isFinding, type Finding } from '../../../harness/checkers/finding.js';
import type { Connection } from '../../../harness/driver/connection.js';
import { EventLog } from '../../../harness/driver/event-log.js';
import { openConnection } from '../../../harness/driver/open-connection.js';
import { RunKnowledge } from '../../../harness/runner/run-knowledge.js';
import type { RunContext } from '../../../harness/runner/run-scope.js';
import { createBroadcastServer } from '../../../reference/broadcast/server.js';
import { LineSplitter } from '../../../reference/common/line-splitter.js';
import { Room } from '../../../suites/broadcast/room.js';
import { withDeadline } from '../../support/wait.js';

const limits = { replyTimeoutMs: 2000, maxBufferedBytes: 1 << 24, connectTimeoutMs: 2000 };
const waitMs = 5000;

/**
 * Relays whole lines, and a leaver's unfinished line too: late, right after the next whole line of
 * another client. `held` settles once it has read a leaver's end and holds its unfinished line.
 */
function lateLeftoverServer(): { server: Server; held: Promise<void> } {
  const sockets = new Set<Socket>();
  const leftovers: Buffer[] = [];
  let holding: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const relay = (from: Socket, bytes: Buffer): void => {
    for (const socket of sockets) if (socket !== from) socket.write(bytes);
  };
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    const lines = new LineSplitter();
    let leftover = Buffer.alloc(0);
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      leftover = Buffer.concat([leftover, chunk]);
      const complete = lines.push(chunk);
      for (const line of complete) relay(socket, Buffer.concat([line, Buffer.of(0x0a)]));
      leftover = leftover.subarray(leftover.lastIndexOf(0x0a) + 1);
      if (complete.length > 0) for (const unfinished of leftovers.splice(0)) relay(socket, unfinished);
    });
    socket.on('end', () => {
      sockets.delete(socket);
      socket.destroy();
      if (leftover.length === 0) return;
      leftovers.push(Buffer.concat([leftover, Buffer.of(0x0a)]));
      holding();
    });
    socket.on('error', () => sockets.delete(socket));
  });
  return { server, held };
}

let server: Server | undefined;
const connections: Connection[] = [];
afterEach(() => {
  for (const connection of connections.splice(0)) connection.reset();
  server?.close();
});

async function roomOn(serving: Server): Promise<{ room: Room; notes: string[] }> {
  server = serving;
  serving.listen(0, '127.0.0.1');
  await once(serving, 'listening');
  const endpoint = { host: '127.0.0.1', port: (serving.address() as AddressInfo).port };
  const log = new EventLog();
  const notes: string[] = [];
  const run = {
    settings: { seed: 1, runs: undefined, ...limits, shrinkTimeMs: 0, replay: undefined },
    log,
    knowledge: new RunKnowledge(),
    server: undefined as never,
    connect: async (name = 'c') => {
      const connection = await openConnection(name, endpoint, log, limits);
      connections.push(connection);
      return connection;
    },
    acceptQueue: async () => 0,
    serverCaughtUp: async () => true,
    serverIdle: async () => {},
    note: (text: string) => notes.push(text),
    quietPeriodMs: () => 100,
    expectQuiet: async () => {},
    connectOracle: () => Promise.reject(new Error('no oracle here')),
    oracleFailed: (error: unknown) => error as Error,
  } satisfies RunContext;
  return { room: new Room(run, 'forbidden'), notes };
}

/**
 * alice, bob and carol meet; carol leaves halfway through a line, and once `left` settles (the server
 * has read her leaving), bob says one line.
 */
async function leaveMidLine(room: Room, left: Promise<void> = Promise.resolve()): Promise<void> {
  for (const name of ['alice', 'bob', 'carol']) await room.join(name);
  const carol = room.member('carol');
  carol.write(room.ledger.next('carol').subarray(0, 12));
  await carol.sentOrStalled();
  await room.leave('carol', 'close');
  await withDeadline(left, waitMs, "the server reading carol's leaving");
  await room.delivered(new Map([['bob', room.say('bob', 1)]]), ['alice']);
}

describe('Room.expectNothingMore', () => {
  it('with a quiet period, catches a line that arrives after a later line of another sender', async () => {
    const { server: serving, held } = lateLeftoverServer();
    const { room, notes } = await roomOn(serving);
    // The server sends carol's unfinished line right after bob's: alice reads bob's line first.
    await leaveMidLine(room, held);
    const failure: unknown = await room.expectNothingMore({ quiet: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isFinding(failure), 'the late line was not waited for').toBe(true);
    expect((failure as Finding).details.message).toMatch(
      /^alice received a line that no client sent: "carol#2 [^"]*" — parts of different lines were mixed/,
    );
    expect(notes).toContain('nothing more may reach any client within 100 ms');
  });

  it('passes a server that delivers nothing more', async () => {
    const { room } = await roomOn(createBroadcastServer());
    await leaveMidLine(room);
    await room.expectNothingMore({ quiet: true });
  });
});
