import type { Finding } from '../../harness/checkers/finding.js';
import { received, type ChatState } from '../../reference/chat/model.js';

/** Replies that say which rule a line broke, whatever its command. */
const replyRules: ReadonlyMap<string, string> = new Map([
  ['ERR not-registered', 'chat.not-registered'],
  ['ERR syntax', 'chat.errors'],
  ['ERR unknown-command', 'chat.errors'],
]);

/** The rule (a test id) of each command's steps once the reply has not named one. */
const commandRules: ReadonlyMap<string, string> = new Map([
  ['MSG', 'chat.msg'],
  ['TELL', 'chat.tell'],
  ['WHO', 'chat.who'],
  ['QUIT', 'chat.quit'],
  ['', 'chat.framing'],
]);

/** The rule of bytes that are not one whole line. */
export const framingRule = 'chat.framing';

/**
 * The test whose requirement says what the server must do with one whole line from `client`: a
 * registration is chat.register's, a rename or a refused nickname chat.nick's, an error reply
 * chat.errors' or chat.not-registered's, and each other command its own test's.
 */
export function ruleOfLine(state: ChatState, client: string, line: string): string {
  const reply = received(state, client, line).outputs.find((output) => output.to === client)?.line;
  const byReply = reply === undefined ? undefined : replyRules.get(reply);
  if (byReply !== undefined) return byReply;
  const word = line.split(' ', 1)[0] ?? '';
  if (word === 'NICK') return reply?.startsWith('WELCOME ') === true ? 'chat.register' : 'chat.nick';
  return commandRules.get(word) ?? 'chat.errors';
}

/** The first words of the lines a server sends when it has understood a whole command. */
const understoodReplies =
  /^(WELCOME|JOINED|RENAMED|MSG|TELL|USERS|LEFT|BYE|ERR (not-registered|nick-taken|no-such-nick))( |$)/;

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

/**
 * The rule of a line that came in pieces or with others: the command's, where the server's reply
 * shows it read the line whole (a reply to that command, wrong only in what it says, with the very
 * nickname or text sent), and chat.framing's where it shows nothing of the kind (a fragment
 * refused or relayed, or no reply at all).
 */
export function ruleOfFramedLine(line: string, commandRule: string): (finding: Finding) => string {
  const words = carried(line);
  return (finding) => {
    const reply = wrongLine(finding);
    if (reply === undefined || !understoodReplies.test(reply)) return framingRule;
    const carries = /^(WELCOME|JOINED|RENAMED|MSG|TELL) /.test(reply);
    return !carries || words === undefined || reply.endsWith(` ${words}`) ? commandRule : framingRule;
  };
}
