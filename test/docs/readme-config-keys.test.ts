import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../harness/config/config.schema.json' with { type: 'json' };
import { repoRoot } from '../support/run-conform.js';

/** The keys the README's table of config keys names, in its first column. */
function keysInReadme(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('| key | meaning |');
  const table = readme.slice(start, readme.indexOf('\n\n', start));
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''));
}

describe("the README's table of config keys", () => {
  it('names every key of the schema, and no other', () => {
    expect(keysInReadme().sort()).toEqual(Object.keys(schema.properties).sort());
  });
});
