// The reference model of the KV protocol: what every command answers, from one store for all clients.
import type { LineEvent, LineModel, LineStep } from 'conform';

export type Store = ReadonlyMap<string, string>;

const key = /^[a-z0-9_]{1,16}$/;

/** The one line a command is answered with, and the store after it. */
export function answer(store: Store, line: string): { readonly reply: string; readonly store: Store } {
  const [command = '', ...rest] = line.split(' ');
  const argument = rest.join(' ');
  switch (command) {
    case 'SET': {
      const space = argument.indexOf(' ');
      const name = space === -1 ? '' : argument.slice(0, space);
      if (!key.test(name)) return { reply: 'ERR bad-key', store };
      return { reply: 'OK', store: new Map(store).set(name, argument.slice(space + 1)) };
    }
    case 'GET':
    case 'DEL': {
      if (!key.test(argument)) return { reply: 'ERR bad-key', store };
      const value = store.get(argument);
      if (value === undefined) return { reply: 'NOT_FOUND', store };
      if (command === 'GET') return { reply: `VALUE ${value}`, store };
      const after = new Map(store);
      after.delete(argument);
      return { reply: 'DELETED', store: after };
    }
    case 'KEYS':
      return line === 'KEYS'
        ? { reply: ['KEYS', ...[...store.keys()].sort()].join(' '), store }
        : { reply: 'ERR unknown-command', store };
    default:
      return { reply: 'ERR unknown-command', store };
  }
}

export const kvModel: LineModel<Store> = {
  initial: () => new Map(),
  step(store: Store, event: LineEvent): LineStep<Store> {
    if (event.kind !== 'line') return { state: store };
    const { reply, store: after } = answer(store, event.line);
    return { state: after, send: { [event.client]: [reply] } };
  },
};
