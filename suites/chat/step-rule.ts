import type { Finding } from '../../harness/api/conform.js';
import { received, sameLine, type ChatState } from '../../reference/chat/model.js';

/** Replies that say which rule a line broke, whatever its command. */
const replyRules: ReadonlyMap<string, string> = new Map([
  ['ERR not-registered', 'chat.not-registered'],
  ['ERR syntax', 'chat.errors'],
  ['ERR unknown-command', 'chat.errors'],
]);

/** The rule (a test id) of each command's steps: what the server must do with it at all. */
const commandRules: ReadonlyMap<string, string> = new Map([
  ['MSG', 'chat.msg'],
  ['TELL', 'chat.tell'],
  ['WHO', 'chat.who'],
  ['QUIT', 'chat.quit'],
]);

/** The rule of bytes that are not one whole line. */
export const framingRule = 'chat.framing';

/** A step's rule, chosen by what the finding at that step shows; undefined where it shows no one rule. */
export type StepRule = (finding: Finding) => string | undefined;

/** A line's command word, and the rule of a nickname asked for: a registration or a rename. */
function commandRule(state: ChatState, client: string, word: string): string | undefined {
  if (word === 'NICK') return state.clients.get(client)?.nick === undefined ? 'chat.register' : 'chat.nick';
  return commandRules.get(word);
}

/**
 * The test whose requirement says what the server must do with one whole line from `client`: a
 * registration is chat.register's, a rename or a refused nickname chat.nick's, an error reply
 * chat.errors' or chat.not-registered's, an empty line chat.framing's, and each other command its
 * own test's.
 */
export function ruleOfLine(state: ChatState, client: string, line: string): string {
  const text = line.replace(/\r$/, '');
  if (text === '') return framingRule;
  const reply = received(state, client, text).outputs.find((output) => output.to === client)?.line;
  const byReply = reply === undefined ? undefined : replyRules.get(reply);
  if (byReply !== undefined) return byReply;
  const word = text.split(' ', 1)[0] ?? '';
  if (word === 'NICK') return reply?.startsWith('WELCOME ') === true ? 'chat.register' : 'chat.nick';
  return commandRules.get(word) ?? 'chat.errors';
}

/** What the server sent where the finding shows a wrong line: the bytes compared, or the line seen. */
function wrongLine(finding: Finding): string | undefined {
  const { kind, compared, actual } = finding.details;
  if (kind !== 'mismatch') return undefined;
  if (compared !== undefined) return Buffer.from(compared.actual).toString('utf8');
  // A line seen where none belonged, shown as a quoted literal.
  return actual?.replace(/^"|"$/g, '');
}

/** What a reply that carries the line's words must end with: the nickname asked for, or the text. */
function carried(line: string): string | undefined {
  const [word, ...rest] = line.replace(/\r$/, '').split(' ');
  const argument = rest.join(' ');
  if (word === 'NICK' || word === 'MSG') return argument;
  if (word === 'TELL') return rest.slice(1).join(' ');
  return undefined;
}

/** What the model has `client` send to `to` for `text` taken as one line. */
function repliesTo(state: ChatState, client: string, text: string, to: string): string[] {
  return received(state, client, text)
    .outputs.filter((output) => output.to === to)
    .map((output) => output.line);
}

/**
 * Whether the server keeps a command word: true where it has answered it as the protocol says,
 * false where the run found it does not, undefined where nothing shows either yet.
 */
export type Answers = (word: string) => boolean | undefined;

/**
 * The rule of one line's step. Sent whole (`pieces` undefined): the line's own rule (ruleOfLine),
 * but a command of the protocol answered ERR unknown-command is that command's rule, which the
 * server does not keep at all. Sent in pieces or with other lines (`pieces`: the writes it came in,
 * and the whole write it ended in): chat.framing's where the wrong line is what a piece taken for a
 * line calls for, or carries the nickname or text cut short; the line's own rule where it shows the
 * line was read whole; and none where no line came, which either could explain. ERR unknown-command
 * for a command in pieces is framing's only where the server is known to keep that command
 * (`answers`), the command's where it is known not to, and no one's where nothing shows which.
 */
export function stepRule(
  state: ChatState,
  client: string,
  line: string,
  pieces: readonly string[] | undefined,
  answers: Answers = () => undefined,
): StepRule {
  const own = ruleOfLine(state, client, line);
  const word = line.replace(/\r$/, '').split(' ', 1)[0] ?? '';
  const command = commandRule(state, client, word);
  const words = carried(line);
  return (finding) => {
    const reply = wrongLine(finding);
    if (pieces === undefined) return reply === 'ERR unknown-command' && command !== undefined ? command : own;
    const to = finding.details.conn;
    if (reply === undefined || to === undefined) return undefined;
    if (reply === 'ERR unknown-command' && command !== undefined && answers(word) !== true) {
      return answers(word) === false ? command : undefined;
    }
    const fromPiece = pieces.some(
      (piece) => piece !== line && repliesTo(state, client, piece, to).some((due) => sameLine(reply, due)),
    );
    const cut =
      /^(WELCOME|JOINED|RENAMED|MSG|TELL) /.test(reply) &&
      words !== undefined &&
      !reply.endsWith(` ${words}`);
    return fromPiece || cut ? framingRule : own;
  };
}
