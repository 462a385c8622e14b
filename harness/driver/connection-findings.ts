import { Finding } from '../checkers/finding.js';
import { formatBytes, formatSize } from '../checkers/format-bytes.js';

/** Bytes that arrived on `conn` that no read asked for: a server sending what it should not. */
export function extraBytes(conn: string, extra: Buffer): Finding {
  return new Finding({
    kind: 'extra-bytes',
    conn,
    message: `${conn} received ${formatSize(extra.length)} more than was sent: ${formatBytes(extra)}`,
    outcome: `got ${formatBytes(extra, 24)} more`,
    actual: formatBytes(extra),
  });
}

/** Bytes that came on `conn` while the protocol called for silence, after waiting `quietMs` for them. */
export function undueBytes(conn: string, extra: Buffer, quietMs: number): Finding {
  return new Finding({
    kind: 'extra-bytes',
    conn,
    message: `${conn} received ${formatBytes(extra)} when nothing was due (conform waited ${quietMs} ms for anything more)`,
    outcome: `got ${formatBytes(extra, 24)} where nothing was due`,
    actual: formatBytes(extra),
  });
}

/** What a read pending on `conn` fails with when the test itself closes the connection. */
export function closedByTest(conn: string): Finding {
  return new Finding({
    kind: 'interrupted',
    conn,
    message: `${conn} was closed by the test while a read was pending`,
  });
}

/** Whether a socket error is the server's reset (or a write into one). */
export function isReset(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE';
}

/** What a read pending on `conn` fails with when its socket fails: a reset, or another error. */
export function socketFailed(conn: string, error: NodeJS.ErrnoException): Finding {
  const reset = isReset(error);
  return new Finding(
    {
      kind: 'reset',
      conn,
      message: reset
        ? `the server reset ${conn}'s connection (${error.code})`
        : `${conn}'s connection failed: ${error.message}`,
      outcome: reset ? 'got a reset (RST) from the server' : `got error ${error.code ?? error.message}`,
    },
    { cause: error },
  );
}
