import { formatBytes } from '../../checkers/format-bytes.js';
import type { Sign } from '../sign.js';
import { sentBy } from './connection-events.js';

const speaksOnlyWhenAsked: ReadonlySet<string> = new Set(['echo', 'broadcast', 'chat']);

/**
 * Bytes that reached a client before any client had sent anything since it connected, and that no
 * client ever sent: the server spoke first (a greeting, a prompt, a banner).
 */
export const greeting: Sign = ({ suite, details, events }) => {
  // Only these protocols say the server never speaks first; a suite of a course's own may greet.
  if (!speaksOnlyWhenAsked.has(suite)) return undefined;
  const sent = Buffer.concat([...sentBy(events).values()]);
  const connectedAt = new Map<string, number>();
  const readBefore = new Set<string>();
  let lastWrite = -1;
  for (const [index, event] of events.entries()) {
    if (event.kind === 'connect') connectedAt.set(event.conn, index);
    if (event.kind === 'write' && event.detail?.startsWith('not sent') !== true) lastWrite = index;
    if (event.kind !== 'read' || event.preview === undefined) continue;
    const first = !readBefore.has(event.conn);
    readBefore.add(event.conn);
    if (details.conn !== undefined && event.conn !== details.conn) continue;
    const since = connectedAt.get(event.conn);
    if (since === undefined) continue;
    // In echo, every byte comes from the client: a first read that goes wrong within itself, with bytes
    // no client sent, is the server's own (its first byte may match the client's by chance).
    const offset = details.diff?.offset;
    const wrongFromTheStart = suite === 'echo' && first && offset !== undefined && offset < (event.size ?? 0);
    if (lastWrite > since && !wrongFromTheStart) continue;
    if (sent.includes(event.preview.subarray(0, 16))) continue;
    const shown = formatBytes(event.preview, 32, event.size);
    return {
      cause: 'greeting',
      hint: {
        neutral: `The server sent ${shown} to ${event.conn} before any client had sent a byte: a greeting or a prompt. In this protocol the server only answers what clients send; remove the greeting.`,
      },
    };
  }
  return undefined;
};
