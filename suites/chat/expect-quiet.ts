import { Finding, formatBytes, type Connection } from '../../harness/api/conform.js';

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
