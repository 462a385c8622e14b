import { Finding, formatBytes, type Connection, type RunContext } from '../../harness/api/conform.js';

/** Least quiet period: shorter silences are not to be trusted on a busy machine, however quick the replies. */
const floorMs = 100;

/** How long silence must last to show that nothing more is on its way: from the run's round trips. */
export function quietPeriodMs(run: RunContext): number {
  return run.knowledge.roundTrips.quietMs(floorMs, run.settings.replyTimeoutMs);
}

/**
 * Waits a quiet period, then fails if any of `connections` received anything beyond what was read:
 * where the server does not answer WHO, only silence can show that nothing else was on its way.
 */
export async function expectQuiet(
  connections: ReadonlyMap<string, Connection>,
  quietMs: number,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  for (const [name, connection] of connections) {
    if (!connection.peekBuffered().includes(0x0a)) {
      connection.expectNothingBuffered();
      continue;
    }
    const line = await connection.readLine({ expecting: false, maxLength: 1 << 20 });
    const got = formatBytes(line, 60);
    throw new Finding({
      kind: 'mismatch',
      conn: name,
      message: `${name} received ${got} when nothing more was due (the server does not answer WHO, so conform waited ${quietMs} ms): the server sent ${name} a line the protocol does not call for`,
      outcome: `got ${got} where nothing more belonged`,
      actual: got,
    });
  }
}
