import type { LogEvent } from '../../driver/event-log.js';
import type { Sign } from '../sign.js';

/** The tag a relayed line starts with (`bob#1`), from the finding's quoted line. */
function tagOf(actual: string | undefined): string | undefined {
  return actual === undefined ? undefined : /^"([A-Za-z0-9_-]+#\d+)[ "]/.exec(actual)?.[1];
}

/**
 * Where in the log the line tagged `tag` was complete: the write by its sender that holds its LF, at
 * or after the write that begins it. Undefined where the log does not show it.
 */
function completedAt(events: readonly LogEvent[], tag: string): number | undefined {
  const sender = tag.slice(0, tag.indexOf('#'));
  const start = Buffer.from(`${tag} `);
  let begun = -1;
  for (const [index, event] of events.entries()) {
    if (event.conn !== sender || event.kind !== 'write' || event.preview === undefined) continue;
    const preview = event.preview;
    const from = begun === -1 ? preview.indexOf(start) : 0;
    if (from === -1) continue;
    begun = index;
    // The preview may stop before the LF: a longer write is not known to complete the line.
    if (preview.indexOf(0x0a, from) !== -1) return index;
    if ((event.size ?? preview.length) > preview.length) return undefined;
  }
  return undefined;
}

/**
 * Indexes of each connection's first read after it connected, where no other client wrote in
 * between: what a server sends a newcomer of its own accord, as it connects.
 */
function firstReads(events: readonly LogEvent[]): Set<number> {
  const fresh = new Set<string>();
  const first = new Set<number>();
  for (const [index, event] of events.entries()) {
    if (event.kind === 'connect') fresh.add(event.conn);
    else if (event.kind === 'read' && fresh.delete(event.conn)) first.add(index);
    // Another client's write may be relayed to the newcomer: what follows is no longer its own accord.
    else if (event.kind === 'write') for (const conn of fresh) if (conn !== event.conn) fresh.delete(conn);
  }
  return first;
}

/**
 * Whether a client got a line tagged `tag` in its first read, before the line's sender began to write
 * it: the server had it from an earlier case run on it, and sent it to a newcomer.
 */
function arrivedUnsent(events: readonly LogEvent[], tag: string): boolean {
  const start = Buffer.from(`${tag} `);
  const sender = tag.slice(0, tag.indexOf('#'));
  const holds = (event: LogEvent): boolean => event.preview?.includes(start) === true;
  const first = firstReads(events);
  const read = events.findIndex((event, index) => first.has(index) && holds(event));
  const written = events.findIndex(
    (event) => event.conn === sender && event.kind === 'write' && holds(event),
  );
  if (read === -1) return false;
  if (written !== -1) return read < written;
  // Never begun in this case: from an earlier one, unless a write too long to show in full may hold it.
  return events.every(
    (event) =>
      event.conn !== sender || event.kind !== 'write' || (event.size ?? 0) <= (event.preview?.length ?? 0),
  );
}

/**
 * In broadcast: a client received a line its sender had finished before that client connected. The
 * server sends newcomers lines from before they joined: a history, or a backlog kept for them.
 */
export const lineFromBefore: Sign = ({ suite, details, events }) => {
  const { conn, kind } = details;
  if (suite !== 'broadcast' || kind !== 'mismatch' || conn === undefined) return undefined;
  // A line changed on its way (cut, decoded) is that change's doing, not an old line.
  if (details.compared !== undefined) return undefined;
  const tag = tagOf(details.actual);
  if (tag === undefined) return undefined;
  const sender = tag.slice(0, tag.indexOf('#'));
  const complete = completedAt(events, tag);
  const connected = events.findLastIndex((event) => event.conn === conn && event.kind === 'connect');
  const before =
    complete !== undefined && connected !== -1 && complete < connected
      ? `which ${sender} had sent whole before ${conn} connected`
      : arrivedUnsent(events, tag)
        ? `a line the server had sent before ${sender} sent it in this case: the same line from an earlier case on this server`
        : undefined;
  if (before === undefined) return undefined;
  const seen = `${conn} received ${tag}, ${before}: the server sends a newcomer lines from before it joined (a history of recent lines, or a backlog kept for it).`;
  return {
    cause: 'old-line',
    hint: {
      neutral: `${seen} Relay a line only to the clients connected when it is complete, and keep no past lines for clients to come.`,
      python: `${seen} Send a line only to the sockets in the client list when it completes; keep no list of past lines to sendall() to a new connection.`,
      node: `${seen} Write a line only to the sockets connected when it completes; keep no array of past lines to write to a new 'connection'.`,
      c: `${seen} Write a line only to the fds connected when it completes; keep no buffer of past lines to write to a new fd after accept().`,
      java: `${seen} Write a line only to the sockets connected when it completes; keep no list of past lines to send a new Socket after accept().`,
    },
  };
};
