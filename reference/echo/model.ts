/**
 * The echo protocol as a pure model (RFC 862 over TCP): each connection's received stream is exactly
 * its sent stream, and once the client has shut down its sending side and everything is echoed,
 * the server closes. The suites check the server against this.
 */
export interface EchoConnectionModel {
  /** Bytes sent by the client and not yet read back. */
  readonly owed: Uint8Array;
  /** The client has shut down its sending side. */
  readonly halfClosed: boolean;
  /** The client has closed or reset the connection. */
  readonly closed: boolean;
}

export const openedConnection: EchoConnectionModel = {
  owed: new Uint8Array(0),
  halfClosed: false,
  closed: false,
};

export function afterWrite(model: EchoConnectionModel, bytes: Uint8Array): EchoConnectionModel {
  if (model.halfClosed || model.closed)
    throw new Error('a client cannot write after shutting down its sending side');
  const owed = new Uint8Array(model.owed.length + bytes.length);
  owed.set(model.owed);
  owed.set(bytes, model.owed.length);
  return { ...model, owed };
}

/** What the client must read next, and the model once it has. */
export function takeOwed(model: EchoConnectionModel): { expected: Uint8Array; next: EchoConnectionModel } {
  return { expected: model.owed, next: { ...model, owed: new Uint8Array(0) } };
}

export function afterHalfClose(model: EchoConnectionModel): EchoConnectionModel {
  return { ...model, halfClosed: true };
}

export function afterClose(model: EchoConnectionModel): EchoConnectionModel {
  return { ...model, owed: new Uint8Array(0), closed: true };
}

/** After a half-close and reading everything owed, the server must close its side. */
export function serverMustClose(model: EchoConnectionModel): boolean {
  return model.halfClosed && model.owed.length === 0 && !model.closed;
}

/** The reply to a chunk of input: the same bytes. */
export function echo(input: Uint8Array): Uint8Array {
  return input;
}
