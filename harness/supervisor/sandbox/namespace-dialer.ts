import type { Socket } from 'node:net';

/** The IPC side of a server process whose namespace runs the connector. */
export interface IpcChannel {
  readonly connected: boolean;
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown, handle: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  off(event: 'message', listener: (message: unknown, handle: unknown) => void): unknown;
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
}

/** What a connect to a port nothing listens on gives: the namespace, and its server, are gone. */
function gone(): Error {
  return Object.assign(new Error('the server’s network namespace is gone'), { code: 'ECONNREFUSED' });
}

/** Connects to a server in a network namespace of its own, through the connector inside it. */
export class NamespaceDialer {
  readonly #channel: IpcChannel;
  #nextId = 1;
  /** Connects waiting for their socket, failed at once if the namespace goes away. */
  readonly #pending = new Set<(error: Error) => void>();
  /**
   * Settles once the connector has started: until then a connection would wait on its start. Fails
   * if it ends first (the channel closes).
   */
  readonly ready: Promise<void>;

  constructor(channel: IpcChannel) {
    this.#channel = channel;
    this.ready = new Promise((resolve, reject) => {
      const onReady = (message: unknown): void => {
        if ((message as { ready?: boolean } | null)?.ready !== true) return;
        channel.off('message', onReady);
        resolve();
      };
      channel.on('message', onReady);
      channel.on('disconnect', () => reject(gone()));
    });
    this.ready.catch(() => undefined);
    channel.on('disconnect', () => {
      for (const fail of this.#pending) fail(gone());
      this.#pending.clear();
    });
  }

  /**
   * A connected socket, or an error with the errno code (ECONNREFUSED, ...) as a connect would give.
   * `signal` gives up waiting; a socket that arrives after that is closed.
   */
  dial(host: string, port: number, signal: AbortSignal): Promise<Socket> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        this.#channel.off('message', onMessage);
        signal.removeEventListener('abort', onAbort);
        this.#pending.delete(fail);
      };
      const fail = (error: Error): void => {
        settle();
        reject(error);
      };
      const onMessage = (message: unknown, handle: unknown): void => {
        const reply = message as Reply | null;
        if (typeof reply !== 'object' || reply === null || reply.id !== id) return;
        settle();
        const socket = handle as Socket | undefined;
        if (signal.aborted) return void socket?.destroy();
        if (reply.ok && socket !== undefined) {
          // Node makes a socket passed over IPC end itself once the server's side ends: a client
          // conform opened itself keeps its sending side open (allowHalfOpen), and so must this one.
          socket.allowHalfOpen = true;
          return resolve(socket);
        }
        reject(
          Object.assign(new Error(reply.message ?? `connect failed (${reply.code})`), { code: reply.code }),
        );
      };
      // Given up: a socket that still comes is closed by onMessage, so it keeps listening for it.
      const onAbort = (): void => {
        this.#pending.delete(fail);
        reject(signal.reason as Error);
      };
      if (!this.#channel.connected) return reject(gone());
      signal.addEventListener('abort', onAbort, { once: true });
      this.#pending.add(fail);
      this.#channel.on('message', onMessage);
      this.#channel.send({ id, host, port });
    });
  }
}
