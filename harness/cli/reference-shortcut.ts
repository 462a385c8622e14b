import { parseArgs } from 'node:util';
import type { ParsedReference } from './program.js';

/**
 * `conform reference <protocol> [--port N] [--host H]` read without loading commander or the test
 * machinery, so a reference server starts about as fast as a bare Node server. Anything else (help,
 * an unknown option, a missing protocol) returns undefined and goes through the full parser.
 */
export function referenceShortcut(argv: readonly string[]): ParsedReference | undefined {
  if (argv[0] !== 'reference') return undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv.slice(1)],
      options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } },
      allowPositionals: true,
      strict: true,
    });
    const [protocol, ...rest] = positionals;
    if (protocol === undefined || rest.length > 0) return undefined;
    return { kind: 'reference', protocol, port: values.port, host: values.host };
  } catch {
    return undefined;
  }
}
