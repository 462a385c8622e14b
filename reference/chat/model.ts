/**
 * The chat protocol (docs/protocols/chat.md) as a pure model: given the clients and a line from one
 * of them, what each client receives and who is disconnected. The oracle of the chat suite and the
 * heart of the reference chat server.
 */
export interface ChatClient {
  readonly nick: string | undefined;
}

export interface ChatState {
  /** Connected clients by connection name, in the order they connected. */
  readonly clients: ReadonlyMap<string, ChatClient>;
}

export interface Output {
  readonly to: string;
  /** A line without its LF. */
  readonly line: string;
}

export interface ChatStep {
  readonly state: ChatState;
  /** What each client receives, in order. */
  readonly outputs: readonly Output[];
  /** A client whose connection the server closes after its outputs (QUIT). */
  readonly closes?: string;
}

export const emptyChat: ChatState = { clients: new Map() };

const nickPattern = /^[A-Za-z0-9_-]{1,16}$/;

export function isValidNick(nick: string): boolean {
  return nickPattern.test(nick);
}

export function connected(state: ChatState, client: string): ChatState {
  if (state.clients.has(client)) throw new Error(`${client} is already connected`);
  return { clients: new Map([...state.clients, [client, { nick: undefined }]]) };
}

/** The client went away without QUIT (closed or reset). */
export function disconnected(state: ChatState, client: string): ChatStep {
  const nick = state.clients.get(client)?.nick;
  const clients = new Map(state.clients);
  clients.delete(client);
  const after = { clients };
  return { state: after, outputs: nick === undefined ? [] : toRegistered(after, client, `LEFT ${nick}`) };
}

/** Registered clients other than `except`, in connection order. */
function registeredOthers(state: ChatState, except: string): string[] {
  return [...state.clients]
    .filter(([name, client]) => name !== except && client.nick !== undefined)
    .map(([name]) => name);
}

function toRegistered(state: ChatState, except: string, line: string): Output[] {
  return registeredOthers(state, except).map((to) => ({ to, line }));
}

function holderOf(state: ChatState, nick: string): string | undefined {
  for (const [name, client] of state.clients) if (client.nick === nick) return name;
  return undefined;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** One line from `client`, without its LF. */
export function received(state: ChatState, client: string, raw: string): ChatStep {
  const sender = state.clients.get(client);
  if (sender === undefined) throw new Error(`${client} is not connected`);
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const reply = (text: string): ChatStep => ({ state, outputs: [{ to: client, line: text }] });
  if (line === '') return { state, outputs: [] };
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const argument = space === -1 ? undefined : line.slice(space + 1);
  const nick = sender.nick;
  switch (word) {
    case 'NICK': {
      if (argument === undefined || !isValidNick(argument)) return reply('ERR nick-invalid');
      if (holderOf(state, argument) !== undefined) return reply('ERR nick-taken');
      const clients = new Map(state.clients).set(client, { nick: argument });
      const after = { clients };
      if (nick === undefined) {
        return {
          state: after,
          outputs: [
            { to: client, line: `WELCOME ${argument}` },
            ...toRegistered(after, client, `JOINED ${argument}`),
          ],
        };
      }
      const renamed = `RENAMED ${nick} ${argument}`;
      return {
        state: after,
        outputs: [{ to: client, line: renamed }, ...toRegistered(after, client, renamed)],
      };
    }
    case 'MSG':
      if (nick === undefined) return reply('ERR not-registered');
      if (argument === undefined || argument === '') return reply('ERR syntax');
      return { state, outputs: toRegistered(state, client, `MSG ${nick} ${argument}`) };
    case 'TELL': {
      if (nick === undefined) return reply('ERR not-registered');
      const split = argument?.indexOf(' ') ?? -1;
      if (argument === undefined || split <= 0 || split === argument.length - 1) return reply('ERR syntax');
      const target = holderOf(state, argument.slice(0, split));
      if (target === undefined) return reply('ERR no-such-nick');
      return { state, outputs: [{ to: target, line: `TELL ${nick} ${argument.slice(split + 1)}` }] };
    }
    case 'WHO': {
      if (nick === undefined) return reply('ERR not-registered');
      if (argument !== undefined) return reply('ERR syntax');
      const nicks = [...state.clients.values()].flatMap((entry) =>
        entry.nick === undefined ? [] : [entry.nick],
      );
      return reply(`USERS ${nicks.sort(byteOrder).join(' ')}`);
    }
    case 'QUIT': {
      if (argument !== undefined) return reply('ERR syntax');
      const gone = disconnected(state, client);
      return { state: gone.state, outputs: [{ to: client, line: 'BYE' }, ...gone.outputs], closes: client };
    }
    default:
      return reply('ERR unknown-command');
  }
}

/** Whether a line the server sent matches the model's: ERR lines may carry human text after the code. */
export function sameLine(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  return expected.startsWith('ERR ') && actual.startsWith(`${expected} `);
}
