import { Finding, type Connection, type Phrasing, type RunContext } from '../../harness/api/conform.js';

/**
 * How long conform keeps a client silent. A person typing into nc is silent for seconds; servers
 * that drop a client silent for a second or two (a read timeout against clients that never leave)
 * are common. The protocols allow no such timeout at all: this is how long conform waits.
 */
export const silentMs = 3000;

const dropped =
  'The server closed a client that had sent nothing for a while: it gives up on a read after a timeout.';

/** What to do about a read timeout, in each language's words. */
const hint: Phrasing = {
  neutral: `${dropped} A client may stay silent as long as it likes (a person typing into nc is silent for seconds): remove the timeout, or keep waiting when it fires.`,
  python: `${dropped} Remove conn.settimeout(...) (or catch socket.timeout / TimeoutError and recv() again); with select(), a timeout means no data yet, never that the client left.`,
  node: `${dropped} Remove socket.setTimeout(...), or do not end the socket in its 'timeout' handler: the event only says the socket has been idle.`,
  c: `${dropped} Remove SO_RCVTIMEO (EAGAIN from read() means no data yet), and treat poll() or select() returning 0 as nothing to do, never as the client's end.`,
  java: `${dropped} Remove socket.setSoTimeout(...), or catch SocketTimeoutException and read again: it does not mean the client left.`,
};

/**
 * Keeps the clients silent until `silentMs` after `since` (a performance.now() time), and fails at
 * once if the server ends one of them meanwhile.
 */
export async function staySilent(
  run: RunContext,
  clients: readonly Connection[],
  since: number,
): Promise<void> {
  const names = clients.map((client) => client.name).join(' and ');
  run.note(`${names} ${clients.length > 1 ? 'stay' : 'stays'} silent for ${silentMs / 1000} s in all`);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, since + silentMs - performance.now()));
  });
  const ended = clients.map((client) => client.ended().then(() => client));
  const gone = await Promise.race([waited, ...ended]).finally(() => clearTimeout(timer));
  if (gone === undefined) return;
  const seconds = ((performance.now() - since) / 1000).toFixed(1);
  const how = gone.state === 'reset' ? 'reset' : 'closed';
  throw new Finding({
    kind: gone.state === 'reset' ? 'reset' : 'eof',
    conn: gone.name,
    message: `the server ${how} ${gone.name}'s connection after ${gone.name} had been silent for ${seconds} s: a client may stay silent as long as it likes (conform keeps one silent for ${silentMs / 1000} s)`,
    outcome: `the server ${how} the connection while ${gone.name} was silent`,
    hint,
    cause: 'silent-client-dropped',
  });
}
