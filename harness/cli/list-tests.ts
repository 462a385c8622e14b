import type { Suite } from '../runner/suite.js';

/** `--list`: one line a test, id first, for --only and --skip. */
export function listTests(suite: Suite): string {
  const width = Math.max(...suite.tests.map((test) => test.id.length));
  const lines = suite.tests.map((test) => `${test.id.padEnd(width)}  ${test.title}`);
  return `${suite.title} — ${suite.tests.length} tests (protocol: ${suite.protocolDoc})\n${lines.join('\n')}\n`;
}
