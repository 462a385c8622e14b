import { connect } from 'node:net';

/**
 * Whether a TCP connection to host:port succeeds within `timeoutMs`. The connection is closed
 * (FIN, not a reset) as soon as it is made: the server sees a client come and go.
 */
export function tryConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (connected: boolean): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(connected);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
