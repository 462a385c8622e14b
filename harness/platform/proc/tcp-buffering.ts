import { readFile } from 'node:fs/promises';

/** Where Linux shows its TCP buffer sizes: min, default and max, in bytes. */
export interface TcpSysctls {
  readonly rmem: string;
  readonly wmem: string;
  readonly wmemMax: string;
}

const linux: TcpSysctls = {
  rmem: '/proc/sys/net/ipv4/tcp_rmem',
  wmem: '/proc/sys/net/ipv4/tcp_wmem',
  wmemMax: '/proc/sys/net/core/wmem_max',
};

/**
 * The most one direction of a local TCP connection can hold in the kernel while its receiver reads
 * nothing: the receiver's starting buffer (it grows only as its program reads) plus the largest send
 * buffer the sender may have, grown by the kernel (tcp_wmem's max) or asked for (twice wmem_max).
 * Undefined where the files cannot be read. A new network namespace starts from these same values.
 */
export async function heldWhileUnread(files: TcpSysctls = linux): Promise<number | undefined> {
  try {
    const [rmem, wmem, wmemMax] = await Promise.all([files.rmem, files.wmem, files.wmemMax].map(numbersIn));
    const receiveStart = rmem?.[1];
    const sendMax = Math.max(wmem?.[2] ?? 0, 2 * (wmemMax?.[0] ?? 0));
    return receiveStart === undefined || sendMax === 0 ? undefined : receiveStart + sendMax;
  } catch {
    return undefined;
  }
}

async function numbersIn(file: string): Promise<number[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split(/\s+/)
    .map(Number)
    .filter((value) => Number.isFinite(value));
}
