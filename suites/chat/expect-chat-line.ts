import {
  alterationOf,
  diffBytes,
  Finding,
  formatBytes,
  isFinding,
  type Connection,
} from '../../harness/api/conform.js';
import { sameLine } from '../../reference/chat/model.js';
import { replacedAt } from '../common/replaced-characters.js';

/** Reads one line and checks it against the model's; an ERR line may carry text after its code. */
export async function expectChatLine(
  connection: Connection,
  expected: string,
  options: { logged?: boolean; context?: string } = {},
): Promise<void> {
  const shown = formatBytes(Buffer.from(expected), 60);
  // The reply to WHO is all a server that does not know WHO yet gets wrong: say so, and how to answer.
  const replyToWho = expected.startsWith('USERS');
  let line: Buffer;
  try {
    line = await connection.readLine({
      expecting: options.logged === false ? false : shown,
      maxLength: 1 << 20,
    });
  } catch (error) {
    const silent =
      isFinding(error) &&
      error.details.kind === 'timeout' &&
      error.details.outcome?.startsWith('got nothing');
    if (!replyToWho || !silent) throw error;
    throw new Finding(
      {
        ...error.details,
        message: whoNotAnswered(
          connection.name,
          (error.details.outcome ?? '').replace('got nothing, then nothing', 'received nothing'),
          shown,
        ),
      },
      { cause: error },
    );
  }
  const actual = line.toString('utf8');
  if (sameLine(actual, expected)) return;
  const got = formatBytes(line, 60);
  throw new Finding({
    kind: 'mismatch',
    conn: connection.name,
    message:
      replyToWho && actual.startsWith('ERR')
        ? whoNotAnswered(connection.name, `received ${got}`, shown)
        : alterationOf(Buffer.from(expected), line) === 'split-character'
          ? `${connection.name} expected ${shown}${options.context ?? ''} but received it changed: ${replacedAt(Buffer.from(expected), line)}`
          : `${connection.name} expected ${shown}${options.context ?? ''} but received ${got}`,
    outcome: `got ${got}`,
    expected: shown,
    actual: got,
    diff: diffBytes(Buffer.from(expected), line),
    compared: { expected: Buffer.from(expected), actual: line },
  });
}

function whoNotAnswered(name: string, outcome: string, shown: string): string {
  return `${name} sent WHO and ${outcome}: the server does not answer WHO yet; it must reply with one line, USERS and every registered nickname in byte order (here ${shown})`;
}

/** The reply to a barrier WHO: `USERS` with any list, or the expected ERR. */
export async function expectBarrierReply(connection: Connection, kind: string): Promise<void> {
  const line = (await connection.readLine({ expecting: false, maxLength: 1 << 20 })).toString('utf8');
  if (kind === 'USERS' ? line === 'USERS' || line.startsWith('USERS ') : sameLine(line, kind)) return;
  const got = formatBytes(Buffer.from(line), 60);
  throw new Finding({
    kind: 'mismatch',
    conn: connection.name,
    message: `${connection.name} sent WHO to check that nothing else was on its way, and received ${got} before the reply: the server sent ${connection.name} a line the protocol does not call for`,
    outcome: `got ${got} where only the reply to WHO (${kind === 'USERS' ? 'USERS ...' : kind}) belonged`,
    actual: got,
  });
}
