import type { ListeningSocket, Platform } from '../platform/platform.js';

/** Who else listens on a port, for the message that says conform will not test it. */
export interface ForeignListener {
  readonly port: number;
  readonly pid?: number;
  readonly command?: string;
}

/** Who holds a port conform must not test; `table` defaults to every listening socket. */
export async function foreignListener(
  platform: Platform,
  port: number,
  table?: readonly ListeningSocket[],
): Promise<ForeignListener | undefined> {
  const sockets = table ?? (await platform.listeningSockets());
  const socket = sockets.find((entry) => entry.port === port);
  if (socket === undefined) return undefined;
  const pid = await platform.ownerOf(socket);
  const command = pid === undefined ? undefined : await platform.commandLine(pid);
  return { port, ...(pid !== undefined && { pid }), ...(command !== undefined && { command }) };
}

export function describeForeign(foreign: ForeignListener): string {
  const who =
    foreign.pid === undefined
      ? 'another program'
      : `another program (pid ${foreign.pid}${foreign.command ? `: ${oneLine(foreign.command)}` : ''})`;
  return `port ${foreign.port} is held by ${who}`;
}

/** A command line as part of a sentence: a script given inline may hold newlines, and be long. */
function oneLine(command: string): string {
  const flat = command.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/** The address a client should connect to, given what a socket listens on. */
export function connectHost(socket: ListeningSocket): string {
  if (socket.address === '0.0.0.0') return '127.0.0.1';
  if (socket.address === '::') return '::1';
  if (socket.address.startsWith('::ffff:')) return socket.address.slice('::ffff:'.length);
  return socket.address;
}
