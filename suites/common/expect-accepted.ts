import { Finding, type RunContext } from '../../harness/api/conform.js';

const pollMs = 5;

/**
 * Waits until the server has accept()ed every connection made to it. The kernel completes the
 * handshake by itself; only the listen queue shows whether accept() was called.
 */
export async function expectAccepted(run: RunContext, name: string): Promise<void> {
  const deadline = performance.now() + run.settings.replyTimeoutMs;
  for (;;) {
    const queued = await run.acceptQueue();
    if (queued === undefined || queued === 0) return;
    if (performance.now() > deadline) {
      throw new Finding({
        kind: 'not-accepted',
        conn: name,
        message: `${name} connected, but the server did not accept() the connection within ${run.settings.replyTimeoutMs} ms (it is still waiting in the listen queue)`,
        outcome: 'connected, but never accepted by the server',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
