import {
  cutAt,
  fc,
  formatBytes,
  underRule,
  type ConformanceTest,
  type TestContext,
} from '../../harness/api/conform.js';
import { pick } from '../common/pick.js';
import { ChatSession, disconnectRule } from './chat-session.js';
import { expectEmptyServer } from './empty-server.js';

const maxClients = 6;
const initialClients = 2;
const clientNames = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12'];

interface Model {
  readonly present: string[];
  opened: number;
}

type ChatCommand = fc.AsyncCommand<Model, ChatSession>;

const nickname = fc.constantFrom(
  'alice',
  'bob',
  'carol',
  'Alice',
  'x',
  'sixteen_chars-_1',
  'seventeen_chars__',
  'bad nick',
  'bad!',
  '',
);
/** Texts of every kind of character: generated graphemes of all Unicode, with the cases a parser gets wrong. */
const text = fc.oneof(
  fc.constantFrom('hi', ' leading space', 'two  spaces', 'MSG inside', ''),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((words) => !/[\r\n\ufffd]/.test(words)),
);
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: nickname.map((nick) => `NICK ${nick}`) },
  { weight: 3, arbitrary: text.map((words) => `MSG ${words}`) },
  { weight: 3, arbitrary: fc.tuple(nickname, text).map(([nick, words]) => `TELL ${nick} ${words}`) },
  { weight: 3, arbitrary: fc.constantFrom('WHO', 'WHO', 'WHO ', 'WHO x') },
  { weight: 1, arbitrary: fc.constantFrom('QUIT', 'QUIT x') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('NICK', 'MSG', 'TELL', 'TELL bob', 'nick alice', 'HELLO', '', ' ', 'msg hi'),
  },
);

class Connect implements ChatCommand {
  check = (model: Readonly<Model>): boolean =>
    model.present.length < maxClients && model.opened < clientNames.length;
  async run(model: Model, chat: ChatSession): Promise<void> {
    const name = clientNames[model.opened] as string;
    model.opened += 1;
    model.present.push(name);
    await chat.connect(name);
  }
  toString = (): string => 'connect';
}

/** A line sent in one write, or in two cut at `cut` (inside a character where it has one). */
class Send implements ChatCommand {
  readonly #bytes: Buffer;
  readonly #cut: number | undefined;
  constructor(
    readonly target: number,
    line: string,
    crlf: boolean,
    cut: number | undefined,
  ) {
    this.#bytes = Buffer.from(`${line}${crlf ? '\r\n' : '\n'}`);
    this.#cut = cut === undefined || this.#bytes.length < 2 ? undefined : cutAt(this.#bytes, cut);
  }
  check = (model: Readonly<Model>): boolean => model.present.length > 0;
  async run(model: Model, chat: ChatSession): Promise<void> {
    const name = pick(model.present, this.target);
    if (this.#cut === undefined) await chat.write(name, this.#bytes);
    else {
      await chat.write(name, this.#bytes.subarray(0, this.#cut));
      await chat.write(name, this.#bytes.subarray(this.#cut));
    }
    if (!chat.names.includes(name)) model.present.splice(model.present.indexOf(name), 1);
  }
  toString = (): string =>
    this.#cut === undefined
      ? formatBytes(this.#bytes, Infinity)
      : `${formatBytes(this.#bytes.subarray(0, this.#cut), Infinity)} then ${formatBytes(this.#bytes.subarray(this.#cut), Infinity)}`;
}

class Leave implements ChatCommand {
  constructor(
    readonly target: number,
    readonly reset: boolean,
  ) {}
  check = (model: Readonly<Model>): boolean => model.present.length > 0;
  async run(model: Model, chat: ChatSession): Promise<void> {
    const name = pick(model.present, this.target);
    model.present.splice(model.present.indexOf(name), 1);
    await chat.leave(name, this.reset ? 'reset' : 'close');
  }
  toString = (): string => (this.reset ? 'reset' : 'close');
}

const target = fc.nat({ max: maxClients - 1 });
const send = fc
  .tuple(target, line, fc.boolean(), fc.option(fc.nat(), { freq: 3 }))
  .map(([index, text, crlf, cut]) => new Send(index, text, crlf, cut ?? undefined));
const commands = (context: TestContext) =>
  context.commands(
    [
      fc.constant(new Connect()),
      fc.constant(new Connect()),
      send,
      send,
      send,
      send,
      send,
      fc.tuple(target, fc.boolean()).map(([index, reset]) => new Leave(index, reset)),
    ],
    { maxCommands: 40, size: 'medium' },
  );

export const model: ConformanceTest = {
  id: 'chat.model',
  title: 'random commands from up to six clients match the model',
  requirement:
    'The server MUST behave as the reference model over any sequence of commands, valid or not, from up to six clients that connect, disconnect and reset.',
  policy: 'persistent',
  slow: true,
  runs: 60,
  hint: {
    neutral: 'Replay the script by hand with nc against `conform reference chat`, and compare line by line.',
  },
  async run(context) {
    await context.property(commands(context), async (run, cmds) => {
      const chat = new ChatSession(run);
      const state: Model = { present: [], opened: 0 };
      for (let index = 0; index < initialClients; index += 1) await new Connect().run(state, chat);
      await fc.asyncModelRun(() => ({ model: state, real: chat }), cmds);
      // The runs share the server: the next one starts only once this one's clients are all gone.
      await chat.closeAll();
      await underRule(disconnectRule, () => expectEmptyServer(run));
    });
  },
};
