import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { EventLog } from '../harness/driver/event-log.js';
import { openConnection, type Endpoint } from '../harness/driver/open-connection.js';

const block = randomBytes(1 << 20);

/** Echoes `mebibytes` MiB through the server with conform's driver: written in 1 MiB writes, each checked byte for byte. */
export async function driverEcho(endpoint: Endpoint, mebibytes: number): Promise<number> {
  const connection = await openConnection('c1', endpoint, new EventLog(), {
    connectTimeoutMs: 5000,
    replyTimeoutMs: 5000,
    maxBufferedBytes: 64 << 20,
  });
  const started = performance.now();
  const reads: Promise<void>[] = [];
  for (let index = 0; index < mebibytes; index += 1) {
    connection.write(block);
    reads.push(connection.expect(block));
    // Keep at most a few MiB in flight, as the raw client does.
    if (reads.length >= 8) await reads.shift();
  }
  await Promise.all(reads);
  const elapsed = performance.now() - started;
  await connection.close();
  return elapsed;
}

/** The same with a bare node:net socket: same writes, same byte-for-byte check, nothing else. */
export async function rawEcho(endpoint: Endpoint, mebibytes: number): Promise<number> {
  const socket = connect({ host: endpoint.host, port: endpoint.port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const started = performance.now();
  const total = mebibytes * block.length;
  let received = 0;
  let written = 0;
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      let offset = 0;
      while (offset < chunk.length) {
        const at = received % block.length;
        const take = Math.min(chunk.length - offset, block.length - at);
        if (!chunk.subarray(offset, offset + take).equals(block.subarray(at, at + take))) {
          reject(new Error('mismatch'));
          return;
        }
        offset += take;
        received += take;
      }
      while (written < mebibytes && written * block.length - received < 8 * block.length) {
        socket.write(block);
        written += 1;
      }
      if (received === total) resolve();
    });
    while (written < Math.min(8, mebibytes)) {
      socket.write(block);
      written += 1;
    }
  });
  const elapsed = performance.now() - started;
  socket.destroy();
  return elapsed;
}
