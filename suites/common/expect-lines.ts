import {
  alterationOf,
  Finding,
  formatBytes,
  isFinding,
  type Connection,
  type Phrasing,
} from '../../harness/api/conform.js';
import { Ledger } from './ledger.js';
import { replacedAt } from './replaced-characters.js';

/** The lines a receiver must get from each sender, in each sender's order. */
export type ExpectedLines = ReadonlyMap<string, readonly Buffer[]>;

const hints = {
  mixed: {
    neutral:
      'A read returns whatever bytes have arrived, not a line. Keep a buffer per client, relay only up to each LF, and keep the rest for the next read.',
    python:
      'recv() returns whatever bytes have arrived, not a line. Keep a buffer per client, relay only up to each LF, and keep the rest for the next recv().',
    node: "A 'data' chunk is whatever bytes have arrived, not a line. Keep a string or Buffer per client, relay only up to each LF, and keep the rest for the next chunk.",
    c: "read() returns whatever bytes have arrived, not a line. Keep a buffer per client, relay only up to each '\\n', and move the rest to the front for the next read().",
    java: 'read() returns whatever bytes have arrived, not a line. Read each client with its own BufferedReader (readLine()), or keep a buffer per client up to each LF.',
  },
  foreign: {
    neutral:
      "The server sent a line that is neither a client's line nor a piece of one: compare what the server sends at this step with the protocol document (an error reply here often means a command is not implemented yet).",
  },
  own: { neutral: 'When relaying a line, skip the client it came from.' },
  shared: {
    neutral:
      "Keep one buffer per client, not one for the whole server: a client's bytes must only ever complete that client's own line.",
    python:
      "Keep a buffer per client (a dict from socket to bytes), not one buffer for the whole loop: bytes from recv() on one socket must only complete that socket's own line.",
    node: "Keep the unfinished line in a variable inside the 'connection' handler, one per socket, not one shared by all sockets.",
    c: "Keep a buffer per client, indexed by its fd, not one static buffer for the whole poll() loop: bytes read() from one fd must only complete that fd's own line.",
    java: "Keep a buffer per client (a field of its handler, or attached to its SelectionKey), not one static buffer: one client's bytes must only complete its own line.",
  },
  repeat: {
    neutral:
      'Send each line to each receiver once: check that a client is not in the list twice, and that a line is not relayed again on the next read.',
  },
  history: {
    neutral:
      'Send a line only to the clients connected when it is complete; do not keep old lines for newcomers.',
  },
  order: {
    neutral:
      "Relay each sender's lines in the order they complete, through one queue per receiver; a line must not be dropped when a write is short or would block.",
    python:
      "Relay each sender's lines in the order they complete, through one queue per receiver; a line must not be dropped when a send() is short or fails with EAGAIN (BlockingIOError).",
    node: "Relay each sender's lines in the order they complete with write() on each receiver's socket; never drop a line because write() returned false (it is queued; wait for 'drain' before writing more).",
    c: "Relay each sender's lines in the order they complete, through one queue per receiver; a line must not be dropped when write() is short or fails with EAGAIN: keep the rest and wait for POLLOUT.",
  },
} satisfies Record<string, Phrasing>;

const causes = {
  mixed: 'mixed-lines',
  foreign: 'unexpected-line',
  own: 'own-line',
  shared: 'shared-line-buffer',
  repeat: 'repeated-line',
  history: 'old-line',
  order: 'out-of-order',
} as const;

/** The line a foreign line was made from by an everyday change (cut, trimmed, spaces collapsed). */
function alteredFrom(
  line: Buffer,
  ledger: Ledger,
): { compared: { expected: Buffer; actual: Buffer; sender?: string } } | undefined {
  const source = ledger.sentLines().find((sent) => alterationOf(sent, line) !== undefined);
  if (source === undefined) return undefined;
  const sender = ledger.originOf(source)?.sender;
  return { compared: { expected: source, actual: line, ...(sender !== undefined && { sender }) } };
}

/** Whether a line holds a sender's tag or a piece of a sent line: a mix of lines, not a line of the server's own. */
function pieceOfSentLines(line: Buffer, ledger: Ledger): boolean {
  if (/[A-Za-z0-9_-]+#\d+/.test(line.toString('latin1'))) return true;
  const start = line.subarray(0, 8);
  return start.length > 0 && ledger.sentLines().some((sent) => sent.includes(start));
}

/**
 * Where a line no client sent holds the receiver's own line and another sender's: the receiver's bytes
 * came back run into another's line, as they do from one line buffer shared by every client (a relay
 * of raw chunks never sends a client its own bytes). Says which lines ran into which.
 */
function ownRunIntoOther(line: Buffer, receiver: string, ledger: Ledger): string | undefined {
  const held = ledger.sentLines().flatMap((sent) => {
    const sender = ledger.originOf(sent)?.sender;
    const tag = Ledger.tagOf(sent);
    return sender !== undefined && line.includes(`${tag} `) ? [{ tag, sender }] : [];
  });
  // A line of the receiver's that this run's ledger does not know: left in the server from an earlier case.
  const begun = new RegExp(`^${receiver}#\\d+(?= )`).exec(line.toString('latin1'))?.[0];
  const own =
    held.find((entry) => entry.sender === receiver) ??
    (begun === undefined ? undefined : { tag: begun, sender: receiver });
  const other = held.find((entry) => entry.sender !== receiver);
  return own === undefined || other === undefined
    ? undefined
    : `${receiver}'s own ${own.tag} and ${other.tag} ran into one line`;
}

function describe(expected: ExpectedLines): string {
  const parts = [...expected.values()]
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const first = Ledger.tagOf(lines[0] as Buffer);
      return lines.length === 1
        ? first
        : `${first} … ${Ledger.tagOf(lines.at(-1) as Buffer)} (${lines.length} lines)`;
    });
  return parts.length === 0
    ? 'nothing'
    : `${parts.join(', ')}${parts.length > 1 ? ', senders in any order' : ''}`;
}

/**
 * Reads lines on `receiver` until every expected line has arrived. Lines from one sender must come in
 * the order sent; lines from different senders may interleave. Anything else fails, saying what it
 * was: the receiver's own line, a repeat, a line out of order, or a line no client sent (mixed or cut).
 * With `ignoreOwn`, the receiver's own lines are passed over: tests about other rules stay focused.
 */
export async function expectLines(
  receiver: Connection,
  expected: ExpectedLines,
  ledger: Ledger,
  options: {
    readonly received?: Set<string>;
    readonly ignoreOwn?: boolean;
    /** Takes the sent line out of what the protocol wraps it in (chat's `MSG <nick> <line>`). */
    readonly unwrap?: (line: Buffer) => Buffer | undefined;
  } = {},
): Promise<void> {
  const received = options.received ?? new Set<string>();
  const next = new Map<string, number>([...expected].map(([sender]) => [sender, 0]));
  let left = [...expected.values()].reduce((sum, lines) => sum + lines.length, 0);
  if (left === 0) return;
  const wanted = describe(expected);
  let first = true;
  // Bytes of the expected lines that came, for a failure to say whether any did.
  let arrived = 0;
  while (left > 0) {
    const raw = await receiver
      .readLine({ expecting: first ? wanted : false, wanted, maxLength: 1 << 20 })
      .catch((error: unknown) => {
        throw isFinding(error) && error.details.received === undefined
          ? error.with({ received: arrived })
          : error;
      });
    first = false;
    const line = options.unwrap === undefined ? raw : (options.unwrap(raw) ?? raw);
    const origin = ledger.originOf(line);
    const queue = origin === undefined ? undefined : expected.get(origin.sender);
    const index = origin === undefined ? 0 : (next.get(origin.sender) ?? 0);
    // A test about something else does not fail for a server that also sends a client its own lines.
    if (origin?.sender === receiver.name && options.ignoreOwn === true) continue;
    if (origin !== undefined && queue !== undefined && queue[index]?.equals(line) === true) {
      next.set(origin.sender, index + 1);
      received.add(line.toString('latin1'));
      arrived += line.length + 1;
      left -= 1;
      continue;
    }
    throw unexpectedLine(receiver.name, line, ledger, { expected, next, received });
  }
}

/**
 * The finding for a line `receiver` should not have got, saying what it was: its own line, a repeat,
 * a line out of order, a line it should never have had, or a line no client sent (mixed or cut).
 * `expected` and `next` say which line of each sender was due; `received`, what it already had.
 */
export function unexpectedLine(
  receiver: string,
  line: Buffer,
  ledger: Ledger,
  {
    expected = new Map(),
    next = new Map(),
    received = new Set(),
  }: {
    readonly expected?: ExpectedLines;
    readonly next?: ReadonlyMap<string, number>;
    readonly received?: ReadonlySet<string>;
  } = {},
): Finding {
  const shown = formatBytes(line, 60);
  const origin = ledger.originOf(line);
  const tag = Ledger.tagOf(line);
  let message: string;
  let hint: keyof typeof hints;
  const altered = origin === undefined ? alteredFrom(line, ledger) : undefined;
  const runInto = ownRunIntoOther(line, receiver, ledger);
  if (altered !== undefined && alterationOf(altered.compared.expected, line) === 'split-character') {
    message = `${receiver} received ${Ledger.tagOf(line)} changed: ${replacedAt(altered.compared.expected, line)}`;
    hint = 'mixed';
  } else if (origin === undefined && runInto !== undefined) {
    message = `${receiver} received a line that no client sent: ${shown} — ${runInto}: the server keeps one line buffer for all clients`;
    hint = 'shared';
  } else if (origin === undefined) {
    message = `${receiver} received a line that no client sent: ${shown} — parts of different lines were mixed, or a line was cut or changed`;
    hint = pieceOfSentLines(line, ledger) ? 'mixed' : 'foreign';
  } else if (origin.sender === receiver) {
    message = `${receiver} received its own line ${tag} back; a sender must not get its lines`;
    hint = 'own';
  } else if (received.has(line.toString('latin1'))) {
    message = `${receiver} received ${tag} a second time; each line must arrive exactly once`;
    hint = 'repeat';
  } else {
    const queue = expected.get(origin.sender);
    const wantedLine = queue?.[next.get(origin.sender) ?? 0];
    message =
      wantedLine === undefined
        ? `${receiver} received ${tag}, which it should not have (it was sent before ${receiver} connected, or ${receiver} had already had all of ${origin.sender}'s lines)`
        : `${receiver} received ${tag} before ${Ledger.tagOf(wantedLine)}: ${origin.sender}'s lines must arrive in the order sent, none lost`;
    hint = wantedLine === undefined ? 'history' : 'order';
  }
  return new Finding({
    kind: 'mismatch',
    conn: receiver,
    message,
    outcome: `got ${shown}`,
    actual: shown,
    hint: hints[hint],
    cause: causes[hint],
    ...altered,
  });
}
