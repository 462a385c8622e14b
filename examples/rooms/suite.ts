// The rooms suite, written only against conform's public suite API. Its expected behaviour is the
// instructor's solution server's (solution.py), run beside each student's server as the oracle.
import { defineSuite, fc, lineOracleTest, lineTemplate } from 'conform';

// Few names and rooms, so that clients meet: a name taken twice, a room shared or not.
const name = fc.constantFrom('alice', 'bob', 'Dave_2');
const badName = fc.constantFrom('', 'two words', 'seventeen_chars_x', 'é');
const room = fc.constantFrom('#lobby', '#dev');
const badRoom = fc.constantFrom('', 'dev', '#Dev', '#', '# dev');
/** Message text of every kind: spaced, punctuated, and generated text of all Unicode. */
const text = fc.oneof(
  fc.constantFrom('hi', 'two words', ' leading space', 'ends with /'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((line) => !/[\r\n]/.test(line)),
);

/** What a client in #lobby may do: name itself, talk, write privately, ask who is there, leave. */
const lobbyLines = [
  { weight: 6, arbitrary: lineTemplate('/nick {name}', { name }) },
  { weight: 1, arbitrary: lineTemplate('/nick {name}', { name: badName }) },
  { weight: 6, arbitrary: text.filter((line) => !line.startsWith('/')) },
  { weight: 2, arbitrary: lineTemplate('/msg {name} {text}', { name, text }) },
  { weight: 2, arbitrary: fc.constant('/quit') },
  { weight: 1, arbitrary: fc.constantFrom('/who', '/msg bob', '/msg', '/nope', '/NICK bob', '') },
];

const lines = fc.oneof(
  ...lobbyLines,
  { weight: 5, arbitrary: lineTemplate('/join {room}', { room }) },
  { weight: 1, arbitrary: lineTemplate('/join {room}', { room: badRoom }) },
);

const barrier = { barrier: '/who', barrierReply: /^\* In #/ } as const;
// Many bugs fail a script: the hint says how to find which, not which it is.
const hint =
  "The script's last note shows the lines the course's solution sent that client at that point: find the first one your server did not send alike, and read that command's row of the protocol's table again.";

const script = lineOracleTest({
  id: 'rooms.script',
  title: 'lines from up to four clients, in any rooms, are answered as the solution does',
  requirement:
    'The server MUST answer every line from any client, and tell every other client, as the table says, in the order the lines came, whatever clients connect, send, leave or reset.',
  hint,
  lines,
  ...barrier,
  // Every case begins with two named clients in two rooms; those that connect later are guests.
  opening: [['/nick alice'], ['/nick bob', '/join #dev']],
  runs: 20,
});

const lobby = lineOracleTest({
  id: 'rooms.lobby',
  title: 'names, messages and private messages in #lobby are as the solution does',
  requirement:
    'The server MUST relay messages to the others in the room, keep names unique and private messages private, with every client in `#lobby`.',
  hint,
  lines: fc.oneof(...lobbyLines),
  ...barrier,
  opening: [['/nick alice'], ['/nick bob']],
  runs: 15,
  maxClients: 3,
});

export default defineSuite({
  name: 'rooms',
  title: 'Rooms (a chat with names, rooms and slash commands)',
  protocolDoc: 'protocol.md',
  conform: '^0.1',
  oracle: ['python3', 'solution.py', '{port}'],
  tests: [lobby, script],
});
