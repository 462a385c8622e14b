import {
  Finding,
  formatBytes,
  underRule,
  type Connection,
  type RunContext,
} from '../../harness/api/conform.js';
import { expectChatLine } from './expect-chat-line.js';
import { whoAnswered } from './who-answered.js';

/** Valid, and never one of the nicknames the tests choose. */
const probeNick = 'conform_probe';
/** Between two WHOs while the server is still letting go of nicknames. */
const pollMs = 5;

/**
 * Once no registered client is left, waits until the server has let go of all their nicknames: a
 * new client registers and sends WHO until it is the only one listed, then quits. A server may
 * announce a disconnect whenever it reads it; without this, a client that registers next (in this
 * run or the next) could hear LEFT for one that went before it. Nobody registered is there to hear
 * that LEFT, so only asking again can tell. Where the server does not answer WHO, the new client
 * waits instead until a quiet period passes with no LEFT.
 */
export async function expectEmptyServer(run: RunContext, why = 'every client has gone'): Promise<void> {
  const who = await whoAnswered(run);
  run.note(
    who
      ? `${why}: a new client waits until WHO lists only itself, then quits`
      : `${why}: a new client waits until a quiet period passes with no LEFT, then quits`,
  );
  const probe = await run.connect('probe');
  probe.send(`NICK ${probeNick}`);
  await expectChatLine(probe, `WELCOME ${probeNick}`);
  if (who) await untilOnlyProbeListed(run, probe);
  else await untilQuiet(run, probe);
  // The probe's goodbye is QUIT's step, whatever step waited for it.
  await underRule('chat.quit', async () => {
    probe.send('QUIT');
    await expectChatLine(probe, 'BYE');
    await probe.expectEof();
  });
}

async function untilOnlyProbeListed(run: RunContext, probe: Connection): Promise<void> {
  const deadline = performance.now() + run.settings.replyTimeoutMs;
  for (;;) {
    probe.send('WHO');
    let line: string;
    // LEFT for the clients that just went may come first.
    do {
      line = (await probe.readLine({ expecting: `USERS ${probeNick}`, maxLength: 1 << 20 })).toString('utf8');
    } while (line.startsWith('LEFT '));
    if (line === `USERS ${probeNick}`) break;
    const got = formatBytes(Buffer.from(line), 60);
    if (!line.startsWith('USERS ') || performance.now() > deadline) {
      throw new Finding({
        kind: 'mismatch',
        conn: probe.name,
        message: line.startsWith('USERS ')
          ? `every other client had disconnected ${run.settings.replyTimeoutMs} ms before, but WHO still listed ${got}: a client that disconnects gives up its nickname`
          : `probe expected the reply to WHO (USERS ...) but received ${got}`,
        outcome: `got ${got}`,
        expected: `"USERS ${probeNick}"`,
        actual: got,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** LEFT for the clients that just went may come; anything else, or LEFT past the reply timeout, fails. */
async function untilQuiet(run: RunContext, probe: Connection): Promise<void> {
  const deadline = performance.now() + run.settings.replyTimeoutMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, run.quietPeriodMs()));
    if (!probe.peekBuffered().includes(0x0a)) break;
    while (probe.peekBuffered().includes(0x0a)) {
      const line = (await probe.readLine({ expecting: false, maxLength: 1 << 20 })).toString('utf8');
      if (line.startsWith('LEFT ') && performance.now() <= deadline) continue;
      const got = formatBytes(Buffer.from(line), 60);
      throw new Finding({
        kind: 'mismatch',
        conn: probe.name,
        message: line.startsWith('LEFT ')
          ? `every other client had disconnected ${run.settings.replyTimeoutMs} ms before, but the server still announced ${got}`
          : `probe registered when every other client had gone, and received ${got}: the server sent probe a line the protocol does not call for`,
        outcome: `got ${got}`,
        actual: got,
      });
    }
  }
  probe.expectNothingBuffered();
}
