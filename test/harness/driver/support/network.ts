import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, expect } from 'vitest';
import { isFinding, type Finding } from '../../../../harness/checkers/finding.js';
import type { Connection, ConnectionLimits } from '../../../../harness/driver/connection.js';
import { EventLog } from '../../../../harness/driver/event-log.js';
import { openConnection } from '../../../../harness/driver/open-connection.js';
import { withDeadline } from '../../../support/wait.js';

export const host = '127.0.0.1';

export type TestLimits = ConnectionLimits & { readonly connectTimeoutMs: number };

/** For tests that are not about deadlines: no driver deadline can fire on a loaded machine. */
export const patientLimits: TestLimits = {
  replyTimeoutMs: 10_000,
  maxBufferedBytes: 64 * 1024 * 1024,
  connectTimeoutMs: 10_000,
};

/** How long a step that should be quick may take before the test gives up on it. */
export const quickMs = 5_000;

/** Settles as `promise` does, or rejects once `ms` have passed: every wait in these tests has a deadline. */
export const within = withDeadline;

/** The finding a read failed with; throws if it succeeded, failed some other way, or took longer than `ms`. */
export async function findingOf(read: Promise<unknown>, ms = quickMs): Promise<Finding> {
  const outcome = await within(
    read.then(
      () => ({ settled: 'resolved' as const }),
      (error: unknown) => ({ settled: 'rejected' as const, error }),
    ),
    ms,
    'the read to fail',
  );
  if (outcome.settled === 'resolved') throw new Error('expected the read to fail, but it succeeded');
  if (!isFinding(outcome.error)) throw new Error('expected a Finding', { cause: outcome.error });
  return outcome.error;
}

/** The bytes 0, 1, 2, … 250, 0, 1, …: a pattern whose every offset is easy to check. */
export function pattern(size: number): Buffer {
  return Buffer.alloc(
    size,
    Uint8Array.from({ length: 251 }, (_value, index) => index),
  );
}

export interface TestServer {
  readonly port: number;
  /** Sockets the server accepted, in order. */
  readonly sockets: readonly Socket[];
  /** The `index`th socket the server accepts (from 0), once it has accepted it. */
  accepted(index?: number): Promise<Socket>;
}

export interface Network {
  /** A server on 127.0.0.1 and a port of its own, calling `onConnection` for each socket it accepts. */
  serve(onConnection?: (socket: Socket) => void): Promise<TestServer>;
  /** A client connection to `server`, closed after the test. */
  connect(
    server: TestServer,
    options?: { name?: string; log?: EventLog; limits?: TestLimits },
  ): Promise<Connection>;
  /** A port nothing listens on (it did a moment ago). */
  freePort(): Promise<number>;
}

/** Servers and connections for one test file, all torn down after each test. */
export function useNetwork(): Network {
  const servers: Server[] = [];
  const serverSockets: Socket[] = [];
  const connections: Connection[] = [];

  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.discard();
    for (const socket of serverSockets.splice(0)) socket.destroy();
    const closing = servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve)));
    await within(Promise.all(closing), quickMs, 'closing the test servers');
  });

  return {
    async serve(onConnection = () => {}) {
      const sockets: Socket[] = [];
      const waiting = new Map<number, (socket: Socket) => void>();
      const server = createServer((socket) => {
        // A reset reaches the server's socket as an error; tests that care listen for it themselves.
        socket.on('error', () => {});
        serverSockets.push(socket);
        sockets.push(socket);
        onConnection(socket);
        waiting.get(sockets.length - 1)?.(socket);
      });
      servers.push(server);
      server.listen(0, host);
      await within(once(server, 'listening'), quickMs, 'the test server to listen');
      return {
        port: (server.address() as AddressInfo).port,
        sockets,
        accepted(index = 0) {
          const socket = sockets[index];
          if (socket !== undefined) return Promise.resolve(socket);
          const arrival = new Promise<Socket>((resolve) => waiting.set(index, resolve));
          return within(arrival, quickMs, `the server to accept connection ${index}`);
        },
      };
    },

    async connect(server, options = {}) {
      const connection = await openConnection(
        options.name ?? 'c1',
        { host, port: server.port },
        options.log ?? new EventLog(),
        options.limits ?? patientLimits,
      );
      connections.push(connection);
      return connection;
    },

    async freePort() {
      const server = createServer();
      server.listen(0, host);
      await within(once(server, 'listening'), quickMs, 'a server to listen');
      const port = (server.address() as AddressInfo).port;
      await within(new Promise((resolve) => server.close(resolve)), quickMs, 'the server to close');
      return port;
    },
  };
}

/**
 * Writes `chunk` to `socket` over and over, as fast as the peer takes it, until the socket closes.
 * `handedOver` counts the bytes the kernel has taken.
 */
export function floodForever(socket: Socket, chunk: Buffer): { readonly handedOver: number } {
  const progress = { handedOver: 0 };
  const more = (): void => {
    while (!socket.destroyed && socket.write(chunk, () => (progress.handedOver += chunk.length)));
    if (!socket.destroyed) socket.once('drain', more);
  };
  more();
  return progress;
}

/**
 * Writes `data` a piece at a time, each once the kernel has taken the one before, so `handedOver`
 * shows how far the peer let the server get.
 */
export function writeInTurn(socket: Socket, data: Buffer, size = 64 * 1024): { readonly handedOver: number } {
  const progress = { handedOver: 0 };
  const next = (): void => {
    if (socket.destroyed || progress.handedOver >= data.length) return;
    const piece = data.subarray(progress.handedOver, progress.handedOver + size);
    socket.write(piece, () => {
      progress.handedOver += piece.length;
      next();
    });
  };
  next();
  return progress;
}

/** Resolves once `read()` gives the same value twice, 100 ms apart: whatever it measures has stopped moving. */
export async function untilSteady(read: () => number, ms = quickMs): Promise<number> {
  let last: number | undefined;
  await expect
    .poll(
      () => {
        const now = read();
        const steady = now === last;
        last = now;
        return steady;
      },
      { timeout: ms, interval: 100 },
    )
    .toBe(true);
  return last ?? read();
}

/** Sends `data` one byte every `gapMs`: a slow server that never goes quiet for long. */
export function trickle(socket: Socket, data: string, gapMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    socket.write(data.slice(sent, sent + 1));
    sent += 1;
    if (sent === data.length) clearInterval(timer);
  }, gapMs);
  socket.once('close', () => clearInterval(timer));
}

/** Sends `pieces` one at a time, each once the client has received the ones before: a chunk each. */
export async function sendInPieces(
  socket: Socket,
  received: () => number,
  pieces: readonly string[],
): Promise<void> {
  let total = received();
  for (const piece of pieces) {
    socket.write(piece);
    total += piece.length;
    await expect.poll(received, { timeout: quickMs }).toBe(total);
  }
}

/** Everything `socket` receives until its peer ends the stream, or the deadline. */
export function receiveAll(socket: Socket, ms = quickMs): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return within(
    once(socket, 'end').then(() => Buffer.concat(chunks)),
    ms,
    'the server to receive everything and EOF',
  );
}
