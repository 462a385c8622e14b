import { resolve } from 'node:path';
import type { Suite } from '../runner/suite.js';
import { plural } from '../../reports/plural.js';

/** `--list`: one line a test, id first, for --only and --skip; the protocol document where conform is installed. */
export function listTests(suite: Suite, packageFolder: string): string {
  const width = Math.max(...suite.tests.map((test) => test.id.length));
  const lines = suite.tests.map((test) => `${test.id.padEnd(width)}  ${test.title}`);
  const protocol = resolve(packageFolder, suite.protocolDoc);
  return `${suite.title} — ${plural(suite.tests.length, 'test')} (protocol: ${protocol})\n${lines.join('\n')}\n`;
}
