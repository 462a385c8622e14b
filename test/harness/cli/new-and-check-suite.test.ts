import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '../../support/processes.js';
import { runBin } from '../../support/run-bin.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'conform-new-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const conform = (args: readonly string[]) => runBin(args, folder, { json: false });

describe('conform new suite, then conform check-suite', () => {
  it('writes a suite that check-suite passes as written, from a folder with nothing else in it', async () => {
    const made = await conform(['new', 'suite', 'counter']);
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stdout).toContain('check it:  conform check-suite counter');
    expect((await readdir(join(folder, 'counter'), { recursive: true })).sort()).toEqual([
      'buggy',
      'buggy/count_per_client.py',
      'correct',
      'correct/server.py',
      'protocol.md',
      'suite.ts',
    ]);
    const checked = await conform(['check-suite', 'counter', '--seeds', '1', '--runs', '8']);
    expect(checked.stdout).toContain('  ✓ correct/server.py at seed 1: every test passes\n');
    expect(checked.stdout).toContain('  ✓ buggy/count_per_client.py at seed 1: fails counter.model\n');
    expect(checked.exitCode, checked.stdout).toBe(0);
    expect(processesMentioning(folder)).toEqual([]);
  });

  it('refuses a folder that is not empty, and a name that cannot begin test ids', async () => {
    const again = await conform(['new', 'suite', 'counter']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr.trim()).toBe(
      'conform: counter is not empty: choose another --out, or add --force to write over it',
    );
    const bad = await conform(['new', 'suite', 'Counter']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("a suite's name is lower case letters, digits and dashes");
  });

  it('says where a suite does not catch what its servers say, and where its document and tests disagree', async () => {
    await conform(['new', 'suite', 'wrong', '--out', 'wrong']);
    const buggy = join(folder, 'wrong', 'buggy', 'count_per_client.py');
    const text = await readFile(buggy, 'utf8');
    // The buggy server now claims the wrong test, and the document a rule no test checks.
    await writeFile(buggy, text.replace('(fails: wrong.model)', '(fails: wrong.count)'));
    const doc = join(folder, 'wrong', 'protocol.md');
    await writeFile(doc, `${await readFile(doc, 'utf8')}\n- The server MUST say hello. — \`wrong.hello\`\n`);
    const checked = await conform(['check-suite', 'wrong', '--seeds', '1', '--runs', '8']);
    expect(checked.exitCode).toBe(1);
    expect(checked.stdout).toContain(
      '  ✗ buggy/count_per_client.py at seed 1: failed wrong.model; it should be: fails wrong.count\n',
    );
    expect(checked.stdout).toMatch(
      / {2}✗ protocol\.md: line \d+: names `wrong\.hello`, which the suite does not have\n/,
    );
    expect(checked.stdout).toMatch(/\nwrong: 2 problems \(✗ above\)$/);
    expect(processesMentioning(folder)).toEqual([]);
  });
});
