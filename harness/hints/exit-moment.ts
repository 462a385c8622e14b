import type { LogEvent } from '../driver/event-log.js';

/** Where in a run the server ended: after which of the clients' steps, and who was connected then. */
export interface ExitMoment {
  /** The last thing a client did before the server ended, if anything. */
  readonly after: LogEvent | undefined;
  /** Clients still connected when it ended. */
  readonly connected: number;
}

/** Ends the server caused at its exit (the kernel closes its sockets) are seen just before the exit is. */
const exitEchoMs = 50;

/**
 * How long before conform sees the exit a client's leaving may have caused it: a server that fails
 * on a closed descriptor fails at its next wait, while the clients go on without waiting for it.
 */
const leavingReachMs = 200;

/** What a client does, as opposed to what the server does to it. */
function byClient(event: LogEvent): boolean {
  switch (event.kind) {
    case 'connect':
    case 'write':
    case 'end':
    case 'close':
      return true;
    case 'reset':
      return event.detail === 'by client';
    default:
      return false;
  }
}

/** Clients connected right after the last of `events`, as the clients' own steps and the server's ends say. */
function connectedAfter(events: readonly LogEvent[], exitAtMs: number): number {
  const connected = new Set<string>();
  for (const event of events) {
    if (event.kind === 'connect') connected.add(event.conn);
    else if (event.kind === 'close' || (event.kind === 'reset' && event.detail === 'by client'))
      connected.delete(event.conn);
    else if ((event.kind === 'eof' || event.kind === 'reset') && event.at < exitAtMs - exitEchoMs)
      connected.delete(event.conn);
  }
  return connected.size;
}

/**
 * The moment the server ended, `exitAtMs` on the log's clock, among the log's events. Where what the
 * server printed says a client's leaving ended it (`leftBefore`: a closed descriptor it still used),
 * the last client that left before the exit, however long the exit took to be seen, and who was
 * connected just after it left.
 */
export function exitMoment(
  events: readonly LogEvent[],
  exitAtMs: number,
  options: { readonly leftBefore?: boolean } = {},
): ExitMoment {
  const before = events.filter((event) => event.at <= exitAtMs);
  const leaving = before.findLast((event) => byClient(event) && isLeaving(event));
  if (options.leftBefore === true && leaving !== undefined) {
    return {
      after: leaving,
      connected: connectedAfter(before.slice(0, before.indexOf(leaving) + 1), exitAtMs),
    };
  }
  const after =
    leaving !== undefined && leaving.at >= exitAtMs - leavingReachMs ? leaving : before.findLast(byClient);
  return { after, connected: connectedAfter(before, exitAtMs) };
}

/** A client's step in words: "c1 closed its connection". */
export function describeStep(event: LogEvent): string {
  switch (event.kind) {
    case 'connect':
      return `${event.conn} connected`;
    case 'write':
      return `${event.conn} wrote ${event.size ?? 0} bytes`;
    case 'end':
      return `${event.conn} half-closed (shut down its sending side)`;
    case 'close':
      return `${event.conn} closed its connection`;
    case 'reset':
      return `${event.conn} reset its connection (RST)`;
    default:
      return `${event.conn}'s ${event.kind}`;
  }
}

/** Whether the step is a client leaving: a close, a half-close or a reset. */
export function isLeaving(event: LogEvent | undefined): boolean {
  return event?.kind === 'close' || event?.kind === 'end' || event?.kind === 'reset';
}

/** "no client was connected", "1 client was connected", "3 clients were connected". */
export function connectedThen(count: number): string {
  if (count === 0) return 'no client was connected';
  return count === 1 ? '1 client was connected' : `${count} clients were connected`;
}
