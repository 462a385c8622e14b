// The KV suite, written only against conform's public suite API.
import { defineSuite, fc, lineModelTest, lineTemplate, type ConformanceTest } from 'conform';
import { kvModel } from './model.js';

const key = fc.constantFrom('a', 'b', 'user_1', 'x9');
const badKey = fc.constantFrom('', 'A', 'no-dash', 'seventeen_chars_x', 'k é');
/** Values of every kind: empty, spaced, and generated text of all Unicode. */
const value = fc.oneof(
  fc.constantFrom('', '1', 'two words', ' leading', 'VALUE x'),
  fc.string({ unit: 'grapheme', maxLength: 12 }).filter((text) => !/[\r\n]/.test(text)),
);

const lines = fc.oneof(
  { weight: 4, arbitrary: lineTemplate('SET {key} {value}', { key, value }) },
  { weight: 4, arbitrary: lineTemplate('GET {key}', { key }) },
  { weight: 2, arbitrary: lineTemplate('DEL {key}', { key }) },
  { weight: 2, arbitrary: fc.constant('KEYS') },
  {
    weight: 1,
    arbitrary: lineTemplate('{command} {key}', {
      command: fc.constantFrom('SET', 'GET', 'DEL'),
      key: badKey,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', 'set a 1', 'KEYS a', 'GET', 'HELLO') },
);

const setGet: ConformanceTest = {
  id: 'kv.set-get',
  title: 'a value set is got back, byte for byte',
  requirement:
    'The server MUST answer `SET` with `OK` and `GET` of that key with `VALUE` and the value, byte for byte.',
  policy: 'persistent',
  hint: "Split the line once at the first space for the command, and once more for SET's key: the value is all the rest, spaces included.",
  async run(context) {
    await context.property(fc.tuple(key, value), async (run, [name, text]) => {
      const client = await run.connect();
      client.write(`SET ${name} ${text}\n`);
      await client.expect('OK\n');
      client.write(`GET ${name}\n`);
      await client.expect(`VALUE ${text}\n`);
    });
  },
};

const model = lineModelTest({
  id: 'kv.model',
  title: 'commands from up to four clients are answered as the model does',
  requirement:
    'The server MUST answer every command from any client as the rules above say, from one store shared by all clients, whatever clients connect, leave or reset.',
  // Many bugs fail the model: its hint says how to find which, not which it is.
  hint: 'Run the failing script by hand against `conform reference ./suite.ts` (the model) and compare line by line: the first line that differs is the step the server gets wrong.',
  model: kvModel,
  lines,
  barrier: 'KEYS',
});

export default defineSuite({
  name: 'kv',
  title: 'KV (a key-value store over lines)',
  protocolDoc: 'protocol.md',
  conform: '^0.1',
  tests: [setGet, model],
});
