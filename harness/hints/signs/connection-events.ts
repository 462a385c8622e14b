import type { EventKind, LogEvent } from '../../driver/event-log.js';

/** Whether `conn` had an event of `kind` in the log. */
export function had(events: readonly LogEvent[], conn: string, kind: EventKind): boolean {
  return events.some((event) => event.conn === conn && event.kind === kind);
}

/** Bytes `conn` received, in the whole log or after its event at `from`. */
export function bytesReceived(events: readonly LogEvent[], conn: string, from = 0): number {
  return events
    .slice(from)
    .filter((event) => event.conn === conn && event.kind === 'read')
    .reduce((sum, event) => sum + (event.size ?? 0), 0);
}

/** Bytes `conn` sent in all. */
export function bytesSent(events: readonly LogEvent[], conn: string): number {
  return events
    .filter((event) => event.conn === conn && event.kind === 'write')
    .reduce((sum, event) => sum + (event.size ?? 0), 0);
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
