import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** A listening TCP socket as the kernel lists it in /proc/net/tcp and /proc/net/tcp6. */
export interface ProcNetSocket {
  readonly inode: number;
  readonly family: 4 | 6;
  /** Local address in its usual text form: 127.0.0.1, 0.0.0.0, ::, ::1, ::ffff:127.0.0.1. */
  readonly address: string;
  readonly port: number;
  /** Connections completed by the kernel and not yet taken by accept(). */
  readonly acceptQueue: number;
}

const listenState = '0A';

function ipv4(hex: string): string {
  // /proc prints the address as one 32-bit number in host byte order (little-endian here).
  const bytes = Buffer.from(hex, 'hex').reverse();
  return Array.from(bytes).join('.');
}

function ipv6(hex: string): string {
  const words = [0, 1, 2, 3].map((index) =>
    Buffer.from(hex.slice(index * 8, index * 8 + 8), 'hex').reverse(),
  );
  const bytes = Buffer.concat(words);
  if (bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${Array.from(bytes.subarray(12)).join('.')}`;
  }
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(bytes.readUInt16BE(index).toString(16));
  // The URL parser writes IPv6 addresses in their canonical short form (RFC 5952).
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/**
 * The connection state of a table line, read at its fixed place: after `sl:`, two addresses of
 * `address:port` in hex, each followed by a space. Tables of thousands of TIME_WAIT lines are skipped
 * without splitting every line.
 */
function lineState(line: string, family: 4 | 6): string {
  const at = line.indexOf(':') + 2 + 2 * ((family === 4 ? 8 : 32) + 6);
  return line.slice(at, at + 2);
}

export function parseProcNet(text: string, family: 4 | 6): ProcNetSocket[] {
  const sockets: ProcNetSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (lineState(line, family) !== listenState) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== listenState) continue;
    const [addressHex, portHex] = (fields[1] as string).split(':') as [string, string];
    const rxQueue = (fields[4] as string).split(':')[1] as string;
    sockets.push({
      inode: Number(fields[9]),
      family,
      address: family === 4 ? ipv4(addressHex) : ipv6(addressHex),
      port: parseInt(portHex, 16),
      acceptQueue: parseInt(rxQueue, 16),
    });
  }
  return sockets;
}

/**
 * /proc files are read asynchronously: with thousands of sockets in the tables, a synchronous read
 * would stall every connection conform is timing.
 */
async function readTable(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Where the kernel lists a network namespace's sockets: conform's own namespace by default, or a
 * function naming the folder of another's (`/proc/<pid>/net`), undefined while it is not ready.
 */
export type NetFolder = string | (() => Promise<string | undefined>);

async function tables(net: NetFolder): Promise<[string, string]> {
  const folder = typeof net === 'string' ? net : await net();
  if (folder === undefined) return ['', ''];
  return Promise.all([readTable(`${folder}/tcp`), readTable(`${folder}/tcp6`)]);
}

/** Every listening TCP socket in a network namespace. */
export async function listeningSockets(net: NetFolder = '/proc/net'): Promise<ProcNetSocket[]> {
  const [v4, v6] = await tables(net);
  return [...parseProcNet(v4, 4), ...parseProcNet(v6, 6)];
}

/**
 * Bytes one side of a local TCP connection has sent and the other's program has not read yet: the
 * sender's unacknowledged queue plus the receiver's unread queue, found by the two ports. Undefined
 * when neither socket is in the tables.
 */
export async function unreadBytes(
  senderPort: number,
  receiverPort: number,
  net: NetFolder = '/proc/net',
): Promise<number | undefined> {
  const hex = (port: number): string => port.toString(16).toUpperCase().padStart(4, '0');
  const sender = hex(senderPort);
  const receiver = hex(receiverPort);
  let total: number | undefined;
  for (const text of await tables(net)) {
    for (const line of text.split('\n')) {
      const fields = line.trim().split(/\s+/, 5);
      const local = fields[1]?.slice(-4);
      const remote = fields[2]?.slice(-4);
      const [tx, rx] = (fields[4] ?? '').split(':');
      if (local === sender && remote === receiver) total = (total ?? 0) + parseInt(tx ?? '0', 16);
      else if (local === receiver && remote === sender) total = (total ?? 0) + parseInt(rx ?? '0', 16);
    }
  }
  return total;
}

const timeWaitState = '06';

/** Whether any connection on a local port sits in TIME_WAIT (it keeps the port from being bound again). */
export async function portInTimeWait(port: number, net: NetFolder = '/proc/net'): Promise<boolean> {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const both = await tables(net);
  return ([4, 6] as const).some((family, index) =>
    (both[index] ?? '').split('\n').some((line) => {
      if (lineState(line, family) !== timeWaitState) return false;
      const fields = line.trim().split(/\s+/);
      return fields[3] === timeWaitState && fields[1]?.endsWith(`:${portHex}`);
    }),
  );
}

/** Whether this system exposes sockets through /proc (Linux). */
export function procNetAvailable(): boolean {
  return existsSync('/proc/net/tcp');
}
