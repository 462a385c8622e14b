import { connect, type Socket } from 'node:net';
import { Finding } from '../checkers/finding.js';
import { Connection, type ConnectionLimits } from './connection.js';
import type { EventLog } from './event-log.js';
import { afterPendingIo } from './inbox.js';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** Connects from inside the server's network namespace, where it has one of its own. */
  readonly dial?: (host: string, port: number, signal: AbortSignal) => Promise<Socket>;
}

/** A connected socket, or the connect's error (with its errno code); `signal` gives up and closes it. */
function connected(endpoint: Endpoint, signal: AbortSignal): Promise<Socket> {
  if (endpoint.dial !== undefined) return endpoint.dial(endpoint.host, endpoint.port, signal);
  const socket = connect({ host: endpoint.host, port: endpoint.port, allowHalfOpen: true });
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

/** Connects to the server under test within `timeoutMs`; a refusal or a timeout is a finding about the server. */
export function openConnection(
  name: string,
  endpoint: Endpoint,
  log: EventLog,
  limits: ConnectionLimits & { readonly connectTimeoutMs: number },
): Promise<Connection> {
  const where = `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
  return new Promise((resolve, reject) => {
    const giveUp = new AbortController();
    let done = false;
    const timer = setTimeout(
      () =>
        afterPendingIo(() => {
          if (done) return;
          done = true;
          giveUp.abort(new Error('connect timed out'));
          log.add(name, 'connect-failed', { detail: 'timeout' });
          reject(
            new Finding({
              kind: 'timeout',
              conn: name,
              message: `${name} could not connect to ${where} within ${limits.connectTimeoutMs} ms`,
              outcome: `connect timed out after ${limits.connectTimeoutMs} ms`,
            }),
          );
        }),
      limits.connectTimeoutMs,
    );
    connected(endpoint, giveUp.signal).then(
      (socket) => {
        if (done) return void socket.destroy();
        done = true;
        clearTimeout(timer);
        socket.setNoDelay(true);
        log.add(name, 'connect', { detail: `${where} from port ${socket.localPort ?? '?'}` });
        resolve(new Connection(name, socket, log, limits));
      },
      (error: NodeJS.ErrnoException) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        log.add(name, 'connect-failed', { detail: error.code ?? error.message });
        const refused = error.code === 'ECONNREFUSED';
        reject(
          new Finding(
            {
              kind: refused ? 'refused' : 'reset',
              conn: name,
              message: refused
                ? `${name} could not connect: nothing is listening on ${where} (connection refused)`
                : `${name} could not connect to ${where}: ${error.code ?? error.message}`,
              outcome: refused ? 'connection refused' : `connect failed (${error.code ?? error.message})`,
            },
            { cause: error },
          ),
        );
      },
    );
  });
}
