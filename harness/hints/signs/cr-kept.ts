import type { Sign } from '../sign.js';

/**
 * A client's last line ended in CRLF, and the reply was an error where the line was valid: the
 * server took the CR for part of the line.
 */
export const crKept: Sign = ({ details, events }) => {
  const { conn, compared } = details;
  if (details.kind !== 'mismatch' || conn === undefined || compared === undefined) return undefined;
  const lastWrite = events.findLast((event) => event.conn === conn && event.kind === 'write');
  if (lastWrite?.detail !== 'crlf-line') return undefined;
  const expected = Buffer.from(compared.expected).toString('latin1');
  const actual = Buffer.from(compared.actual).toString('latin1');
  if (expected.startsWith('ERR') || !actual.startsWith('ERR')) return undefined;
  const kept = `${conn} ended its line with CRLF and got an error back: the server took the CR for part of the line.`;
  return {
    cause: 'cr-kept',
    hint: {
      neutral: `${kept} A line may end in CRLF: remove the LF and a CR just before it, and nothing else.`,
      python: `${kept} Remove the line ending with line.removesuffix(b'\\n').removesuffix(b'\\r') (or rstrip(b'\\r\\n') on the ending only).`,
      node: `${kept} Remove the ending with line.replace(/\\r?\\n$/, '') (split('\\n') leaves the CR at the end of each line).`,
      c: `${kept} After finding the '\\n', also drop a '\\r' just before it.`,
      java: `${kept} readLine() drops CRLF for you; if you split on '\\n' yourself, drop a '\\r' before it too.`,
    },
  };
};
