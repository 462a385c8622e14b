import { formatBytes, isFinding, type RunContext } from '../../harness/api/conform.js';
import { sameLine } from '../../reference/chat/model.js';

/** The run's note when the server does not answer WHO: said once, at the top and in the report. */
export const whoNotAnsweredNote =
  'the server does not answer WHO yet; WHO is how conform knows nothing else is on its way, so until it works every check waits for a quiet period instead, and the run is slower';

/**
 * Whether the server answers WHO, found out once per run (every test of the run shares the answer) by
 * a client of its own that has no nickname: it sends WHO before any barrier, and a server that answers
 * WHO replies `ERR not-registered` (or `USERS`, if it does not check registration first). A server that
 * does not know WHO yet (`ERR unknown-command`, another line, or nothing within the reply timeout) is
 * checked with quiet periods instead. The test's own clients never take part, so a replay of one test
 * checks its steps the same way as the whole run did. The asker stays until the run ends, as every
 * client without a nickname does: whatever a server does when one goes is judged where a test asks.
 */
export function whoAnswered(run: RunContext): Promise<boolean> {
  return run.knowledge.learn('chat.who-answered', async () => {
    run.note('a client without a nickname sends WHO: its reply shows whether the server answers WHO');
    const asker = await run.connect('asker');
    const sent = performance.now();
    asker.send('WHO');
    let reply: string | undefined;
    try {
      const line = await asker.readLine({ expecting: false, maxLength: 1 << 20 });
      run.knowledge.roundTrips.add(performance.now() - sent);
      reply = line.toString('utf8');
    } catch (error) {
      if (!isFinding(error) || error.details.kind !== 'timeout') throw error;
    }
    const answered =
      reply !== undefined &&
      (reply === 'USERS' || reply.startsWith('USERS ') || sameLine(reply, 'ERR not-registered'));
    const got =
      reply === undefined
        ? `nothing for ${run.settings.replyTimeoutMs} ms`
        : formatBytes(Buffer.from(reply), 60);
    run.note(
      answered
        ? `asker received ${got}: the server answers WHO`
        : `asker received ${got}, not ERR not-registered: the server does not answer WHO, and quiet periods stand in for it`,
    );
    if (!answered) run.knowledge.note(whoNotAnsweredNote);
    return answered;
  });
}
