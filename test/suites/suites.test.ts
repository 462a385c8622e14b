import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suites } from '../../suites/index.js';
import { repoRoot } from '../support/run-conform.js';

/** The document's text with quote marks and line breaks folded away, to find a requirement in it. */
function prose(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8').replace(/^> ?/gm, '').replace(/\s+/g, ' ');
}

const stableIds: Record<string, string[]> = {
  echo: [
    'echo.accept',
    'echo.single-message',
    'echo.stream',
    'echo.binary',
    'echo.large',
    'echo.backpressure',
    'echo.half-close',
    'echo.sequential-clients',
    'echo.concurrent-clients',
    'echo.many-clients',
    'echo.idle-client',
    'echo.client-reset',
  ],
  broadcast: [
    'broadcast.relay',
    'broadcast.no-self',
    'broadcast.line-assembly',
    'broadcast.order',
    'broadcast.join-leave',
    'broadcast.many-clients',
    'broadcast.slow-reader',
    'broadcast.idle-client',
    'broadcast.model',
  ],
  chat: [
    'chat.register',
    'chat.nick',
    'chat.not-registered',
    'chat.msg',
    'chat.tell',
    'chat.who',
    'chat.quit',
    'chat.disconnect',
    'chat.errors',
    'chat.framing',
    'chat.concurrency',
    'chat.idle-client',
    'chat.model',
  ],
};

describe.each(Object.keys(stableIds))('the %s suite', (name) => {
  const suite = suites.get(name)!;

  it('has the stable ids, in order', () => {
    expect(suite.tests.map((test) => test.id)).toEqual(stableIds[name]);
  });

  it('quotes each requirement, word for word, from its protocol document, next to the test id', () => {
    const doc = prose(suite.protocolDoc);
    for (const test of suite.tests) {
      expect(doc, test.id).toContain(`${test.requirement} — \`${test.id}\``);
    }
  });

  it('gives every test a title and a hint', () => {
    for (const test of suite.tests) {
      expect(test.title.length, test.id).toBeGreaterThan(10);
      const hint = test.hint;
      const phrasings: string[] =
        hint === undefined ? [] : typeof hint === 'string' ? [hint] : (Object.values(hint) as string[]);
      expect(phrasings.length, test.id).toBeGreaterThan(0);
      for (const text of phrasings) expect(text.length, test.id).toBeGreaterThan(20);
    }
  });

  it('gives property tests their own runs within the 20 to 60 the README promises for --runs', () => {
    for (const test of suite.tests.filter((each) => each.runs !== undefined)) {
      expect(Number.isInteger(test.runs), test.id).toBe(true);
      expect(test.runs, test.id).toBeGreaterThanOrEqual(20);
      expect(test.runs, test.id).toBeLessThanOrEqual(60);
    }
  });
});
