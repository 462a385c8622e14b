import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NamespaceDialer } from '../../../harness/supervisor/sandbox/namespace-dialer.js';

/** The IPC side of a server process, with the connector's replies played by the test. */
class FakeChannel extends EventEmitter {
  connected = true;
  readonly sent: { id: number; host: string; port: number }[] = [];
  send(message: { id: number; host: string; port: number }): boolean {
    this.sent.push(message);
    return true;
  }
}

/** Whether `promise` has settled by the time every reaction already queued has run. */
function settledNow(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);
}

describe('NamespaceDialer', () => {
  it('is ready when the connector says so, not before, and resolves a connect with the socket handed over', async () => {
    const channel = new FakeChannel();
    const dialer = new NamespaceDialer(channel);
    channel.emit('message', { ready: false });
    expect(await settledNow(dialer.ready)).toBe(false);
    channel.emit('message', { ready: true });
    expect(await settledNow(dialer.ready)).toBe(true);
    await expect(dialer.ready).resolves.toBeUndefined();
    const connecting = dialer.dial('127.0.0.1', 2000, new AbortController().signal);
    expect(channel.sent).toEqual([{ id: 1, host: '127.0.0.1', port: 2000 }]);
    const socket = new Socket();
    channel.emit('message', { id: 1, ok: true }, socket);
    expect(await connecting).toBe(socket);
    // Like a client conform connects itself: the server's FIN does not end its sending side.
    expect(socket.allowHalfOpen).toBe(true);
  });

  it('fails a connect the way a connect fails, with its errno code', async () => {
    const channel = new FakeChannel();
    const connecting = new NamespaceDialer(channel).dial('::1', 7, new AbortController().signal);
    channel.emit('message', {
      id: 1,
      ok: false,
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED ::1:7',
    });
    await expect(connecting).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses at once when the namespace goes away, rather than waiting out the connect timeout', async () => {
    const channel = new FakeChannel();
    const dialer = new NamespaceDialer(channel);
    const waiting = dialer.dial('127.0.0.1', 2000, new AbortController().signal);
    channel.connected = false;
    channel.emit('disconnect');
    await expect(waiting).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(dialer.dial('127.0.0.1', 2000, new AbortController().signal)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('closes a socket that arrives after the connect gave up', async () => {
    const channel = new FakeChannel();
    const giveUp = new AbortController();
    const connecting = new NamespaceDialer(channel).dial('127.0.0.1', 2000, giveUp.signal);
    giveUp.abort(new Error('connect timed out'));
    await expect(connecting).rejects.toThrow('connect timed out');
    const late = new Socket();
    channel.emit('message', { id: 1, ok: true }, late);
    expect(late.destroyed).toBe(true);
  });
});
