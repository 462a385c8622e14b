import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drainedOrStalled } from '../../../../harness/driver/drained-or-stalled.js';
import { unreadBytes } from '../../../../harness/platform/proc/proc-net.js';
import { heldWhileUnread, type TcpSysctls } from '../../../../harness/platform/proc/tcp-buffering.js';

const mebibyte = 1024 * 1024;

async function sysctls(rmem: string, wmem: string, wmemMax: string): Promise<TcpSysctls> {
  const folder = await mkdtemp(join(tmpdir(), 'conform-sysctl-'));
  const files = { rmem: join(folder, 'rmem'), wmem: join(folder, 'wmem'), wmemMax: join(folder, 'wmem_max') };
  await writeFile(files.rmem, `${rmem}\n`);
  await writeFile(files.wmem, `${wmem}\n`);
  await writeFile(files.wmemMax, `${wmemMax}\n`);
  return files;
}

describe('heldWhileUnread', () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  async function held(rmem: string, wmem: string, wmemMax: string): Promise<number | undefined> {
    const files = await sysctls(rmem, wmem, wmemMax);
    folders.push(join(files.rmem, '..'));
    return heldWhileUnread(files);
  }

  it("adds the receiver's starting buffer to the larger of the grown and the asked-for send buffer", async () => {
    expect(await held('4096\t131072\t33554432', '4096\t16384\t4194304', '4194304')).toBe(
      131072 + 8 * mebibyte,
    );
    expect(await held('4096 87380 16777216', '4096 65536 16777216', '212992')).toBe(87380 + 16 * mebibyte);
  });

  it('is undefined when the files cannot be read or say nothing', async () => {
    expect(
      await heldWhileUnread({ rmem: '/nonexistent/a', wmem: '/nonexistent/b', wmemMax: '/nonexistent/c' }),
    ).toBe(undefined);
    expect(await held('', '', '')).toBe(undefined);
  });
});

describe.runIf(process.platform === 'linux')('heldWhileUnread on this machine', () => {
  const sockets: Socket[] = [];
  let server: Server | undefined;

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('bounds what a sender gets into the kernel while its receiver reads nothing', async () => {
    const limit = await heldWhileUnread();
    expect(limit).toBeGreaterThan(0);
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const serverPort = (server.address() as { port: number }).port;
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect({ host: '127.0.0.1', port: serverPort });
    client.pause();
    sockets.push(client);
    await once(client, 'connect');
    const [sender] = await accepted;
    sockets.push(sender);
    const clientPort = client.localPort as number;
    const size = (limit as number) + 4 * mebibyte;
    // Node queues what the kernel does not take, so the write never blocks.
    sender.write(Buffer.alloc(size, 0x61));
    const queued = (): number => {
      const handle = (sender as unknown as { _handle?: { writeQueueSize?: number } })._handle;
      return handle?.writeQueueSize ?? 0;
    };
    // Until the kernel takes nothing more from the queue for a while.
    await drainedOrStalled(queued, 300);
    const inKernel = await unreadBytes(serverPort, clientPort);
    expect(inKernel).toBeGreaterThan(0);
    expect(inKernel).toBeLessThanOrEqual(limit as number);
    expect(inKernel! + queued()).toBe(size);
  });
});
