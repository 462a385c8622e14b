import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { echoSuite } from '../../../suites/echo/index.js';
import { repoRoot } from '../../support/run-conform.js';

const bin = join(repoRoot, 'bin', 'conform.js');

/** bin/conform.js runs the compiled harness: `npm test` builds it first (npx tsc -p tsconfig.build.json). */
beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'harness', 'cli', 'run-cli.js'))) {
    throw new Error(
      'dist/ is missing: run `npx tsc -p tsconfig.build.json` (npm test does) before these tests',
    );
  }
});

function conform(args: readonly string[]) {
  return execa(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { NO_COLOR: '1' },
    reject: false,
    timeout: 20_000,
    stdin: 'ignore',
  });
}

describe('bin/conform.js as a program', () => {
  it('lists the echo tests and exits 0', async () => {
    const result = await conform(['--list']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    for (const test of echoSuite.tests) expect(result.stdout).toContain(test.id);
  });

  it('exits 2 with the error on stderr for an unknown option', async () => {
    const result = await conform(['--bogus']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("conform: unknown option '--bogus' (see conform --help)");
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a target file that does not exist', async () => {
    const result = await conform(['missing-server.py']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'conform: no such file: missing-server.py (check the path, or give a command after --)',
    );
  });
});
