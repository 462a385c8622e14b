import { chatSuite } from '../../suites/chat/index.js';
import { describe, expect, it } from 'vitest';
import {
  connected,
  disconnected,
  emptyChat,
  isValidNick,
  received,
  sameLine,
  type ChatState,
  type Output,
} from '../../reference/chat/model.js';
import { idsWith, runConform } from '../support/run-conform.js';

/** Plays lines through the model, returning what each client received, in order. */
function play(steps: readonly (readonly [string, string])[], state0: ChatState = emptyChat) {
  let state = state0;
  const inbox = new Map<string, string[]>();
  const closed: string[] = [];
  for (const [client, line] of steps) {
    if (!state.clients.has(client)) state = connected(state, client);
    const step = received(state, client, line);
    state = step.state;
    for (const output of step.outputs) inbox.set(output.to, [...(inbox.get(output.to) ?? []), output.line]);
    if (step.closes !== undefined) closed.push(step.closes);
  }
  return { state, inbox, closed };
}

describe('the chat model', () => {
  it('plays the example session of the protocol document', () => {
    const { inbox, closed } = play([
      ['alice', 'NICK alice'],
      ['bob', 'NICK bob'],
      ['alice', 'MSG hi  there'],
      ['bob', 'TELL alice psst'],
      ['carol', 'MSG hello'],
      ['carol', 'NICK Bob'],
      ['alice', 'WHO'],
      ['bob', 'NICK alice'],
      ['bob', 'NICK robert'],
      ['alice', 'QUIT'],
    ]);
    expect(inbox.get('alice')).toEqual([
      'WELCOME alice',
      'JOINED bob',
      'TELL bob psst',
      'JOINED Bob',
      'USERS Bob alice bob',
      'RENAMED bob robert',
      'BYE',
    ]);
    expect(inbox.get('bob')).toEqual([
      'WELCOME bob',
      'MSG alice hi  there',
      'JOINED Bob',
      'ERR nick-taken',
      'RENAMED bob robert',
      'LEFT alice',
    ]);
    expect(inbox.get('carol')).toEqual([
      'ERR not-registered',
      'WELCOME Bob',
      'RENAMED bob robert',
      'LEFT alice',
    ]);
    expect(closed).toEqual(['alice']);
  });

  it.each([
    ['NICK', 'ERR nick-invalid'],
    ['NICK ', 'ERR nick-invalid'],
    ['NICK a b', 'ERR nick-invalid'],
    ['MSG hi', 'ERR not-registered'],
    ['MSG', 'ERR not-registered'],
    ['WHO x', 'ERR not-registered'],
    ['QUIT x', 'ERR syntax'],
    ['nick x', 'ERR unknown-command'],
    [' NICK x', 'ERR unknown-command'],
  ])('answers %j from a client without a nickname with %j', (line, reply) => {
    expect(play([['guest', line]]).inbox.get('guest')).toEqual([reply]);
  });

  it.each([
    ['MSG', 'ERR syntax'],
    ['MSG ', 'ERR syntax'],
    ['TELL', 'ERR syntax'],
    ['TELL me', 'ERR syntax'],
    ['TELL me ', 'ERR syntax'],
    ['TELL  me x', 'ERR syntax'],
    ['TELL nobody hi', 'ERR no-such-nick'],
    ['TELL me  hi', 'TELL me  hi'],
    ['WHO ', 'ERR syntax'],
    ['NICK me', 'ERR nick-taken'],
    ['', undefined],
    ['\r', undefined],
    ['WHO\r', 'USERS me'],
  ])('answers %j from a registered client with %j', (line, reply) => {
    const { inbox } = play([
      ['me', 'NICK me'],
      ['me', line],
    ]);
    expect(inbox.get('me')?.[1]).toBe(reply);
  });

  it("tells nothing about anyone to clients without a nickname, and frees a leaver's nickname", () => {
    const played = play([
      ['guest', 'HELLO'],
      ['alice', 'NICK alice'],
      ['bob', 'NICK bob'],
      ['alice', 'MSG hi'],
    ]);
    expect(played.inbox.get('guest')).toEqual(['ERR unknown-command']);
    const gone = disconnected(played.state, 'alice');
    expect(gone.outputs).toEqual<Output[]>([{ to: 'bob', line: 'LEFT alice' }]);
    expect(received(gone.state, 'guest', 'NICK alice').outputs[0]?.line).toBe('WELCOME alice');
  });

  it('checks nicknames: 1 to 16 of A-Z a-z 0-9 _ -', () => {
    expect(['a', 'A-_9', 'sixteen_chars-_1'].every(isValidNick)).toBe(true);
    expect(['', 'seventeen_chars__', 'é', 'a b', 'a!'].some(isValidNick)).toBe(false);
  });

  it('lets ERR lines carry text after their code, and nothing else', () => {
    expect(sameLine('ERR nick-taken someone has it', 'ERR nick-taken')).toBe(true);
    expect(sameLine('ERR nick-takenx', 'ERR nick-taken')).toBe(false);
    expect(sameLine('WELCOME alice ', 'WELCOME alice')).toBe(false);
  });
});

describe('the reference chat server', () => {
  it('passes the whole chat suite, as conform runs it', async () => {
    const run = await runConform([
      '--suite',
      'chat',
      '--',
      process.execPath,
      'bin/conform.js',
      'reference',
      'chat',
      '--port',
      '{port}',
    ]);
    expect(idsWith(run.report, 'failed'), run.stdout).toEqual([]);
    expect(run.report?.summary.passed).toBe(chatSuite.tests.length);
    expect(run.exitCode).toBe(0);
  });
});
