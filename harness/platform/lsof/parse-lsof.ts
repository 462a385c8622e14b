import type { ListeningSocket } from '../platform.js';

/** `*:2000`, `127.0.0.1:5000`, `[::1]:8080`, `[::ffff:127.0.0.1]:80`: the address and port of an lsof name. */
function parseName(name: string, type: string | undefined): Omit<ListeningSocket, 'id' | 'pid'> | undefined {
  // A connection's name is `local->remote`; only listening sockets are wanted.
  if (name.includes('->')) return undefined;
  const match = /^(\*|\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(name.trim());
  if (match === null) return undefined;
  const port = Number(match[4]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const bracketed = match[2];
  const plain = match[3];
  const family: 4 | 6 =
    type === 'IPv6' || (type === undefined && bracketed !== undefined) || (plain?.includes(':') ?? false)
      ? 6
      : 4;
  const address = bracketed ?? plain ?? (family === 6 ? '::' : '0.0.0.0');
  // An IPv6 address with a zone (fe80::1%lo0) is kept as lsof writes it.
  return { family, address, port };
}

/**
 * Listening TCP sockets from `lsof -nP -iTCP -sTCP:LISTEN -F pcfnt`: lines of one field each, the
 * field's letter first. `p` opens a process, `f` a file of it; `t` (IPv4/IPv6) and `n` (the name)
 * describe the file. Fields this does not know, and names it cannot read, are passed over.
 */
export function parseLsofListeners(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  let pid: number | undefined;
  let fd: string | undefined;
  let type: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const field = line[0];
    const value = line.slice(1);
    if (field === 'p') {
      pid = /^\d+$/.test(value) ? Number(value) : undefined;
      fd = undefined;
      type = undefined;
    } else if (field === 'f') {
      fd = value;
      type = undefined;
    } else if (field === 't') {
      type = value;
    } else if (field === 'n' && pid !== undefined) {
      const parsed = parseName(value, type);
      if (parsed === undefined) continue;
      sockets.push({ id: `${pid}/${fd ?? parsed.port}`, pid, ...parsed });
    }
  }
  return sockets;
}
