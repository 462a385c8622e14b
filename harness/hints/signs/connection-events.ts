import type { EventKind, LogEvent } from '../../driver/event-log.js';

/** The most one read returns on loopback, about. */
export const oneReadAtMost = 65536;

/** Stream offsets at which `conn`'s writes ended: a read may stop there for reasons of its own. */
export function writeEnds(events: readonly LogEvent[], conn: string): Set<number> {
  const ends = new Set<number>();
  let offset = 0;
  for (const event of events) {
    if (event.conn !== conn || event.kind !== 'write') continue;
    offset += event.size ?? 0;
    ends.add(offset);
  }
  return ends;
}

/** Whether `conn` had an event of `kind` in the log. */
export function had(events: readonly LogEvent[], conn: string, kind: EventKind): boolean {
  return events.some((event) => event.conn === conn && event.kind === kind);
}

/** Bytes `conn` moved in events of `kind` (reads or writes), in the whole log or from its event at `from`. */
function bytesMoved(events: readonly LogEvent[], conn: string, kind: 'read' | 'write', from = 0): number {
  return events
    .slice(from)
    .filter((event) => event.conn === conn && event.kind === kind)
    .reduce((sum, event) => sum + (event.size ?? 0), 0);
}

/** Bytes `conn` received, in the whole log or after its event at `from`. */
export const bytesReceived = (events: readonly LogEvent[], conn: string, from = 0): number =>
  bytesMoved(events, conn, 'read', from);

/** Bytes `conn` sent in all. */
export const bytesSent = (events: readonly LogEvent[], conn: string): number =>
  bytesMoved(events, conn, 'write');

/** The first bytes of each write, by the client that wrote them. */
export function writesBy(events: readonly LogEvent[]): Map<string, Buffer[]> {
  const writes = new Map<string, Buffer[]>();
  for (const event of events) {
    if (event.kind !== 'write' || event.preview === undefined) continue;
    writes.set(event.conn, [...(writes.get(event.conn) ?? []), event.preview]);
  }
  return writes;
}

/** The first bytes of each write, joined, by the client that wrote them. */
export function sentBy(events: readonly LogEvent[]): Map<string, Buffer> {
  return new Map([...writesBy(events)].map(([conn, buffers]) => [conn, Buffer.concat(buffers)]));
}

/** Whether another client received something after `conn` last sent. */
export function othersServedSince(events: readonly LogEvent[], conn: string): boolean {
  const lastWrite = events.findLastIndex((event) => event.conn === conn && event.kind === 'write');
  return (
    lastWrite !== -1 &&
    events.slice(lastWrite + 1).some((event) => event.conn !== conn && event.kind === 'read')
  );
}

const ends: ReadonlySet<EventKind> = new Set(['close', 'reset', 'eof']);

/** Whether `conn`'s connection ended (closed by either side, or reset) in the log. */
export function gone(events: readonly LogEvent[], conn: string): boolean {
  return events.some((event) => event.conn === conn && ends.has(event.kind));
}

/** Whether a client that connected before `conn` was still connected at the end of the log. */
export function earlierClientOpen(events: readonly LogEvent[], conn: string): boolean {
  const connected = events.findIndex((event) => event.conn === conn && event.kind === 'connect');
  if (connected === -1) return false;
  const earlier = new Set(
    events
      .slice(0, connected)
      .filter((event) => event.kind === 'connect' && event.conn !== conn)
      .map((event) => event.conn),
  );
  for (const event of events) if (ends.has(event.kind)) earlier.delete(event.conn);
  return earlier.size > 0;
}
