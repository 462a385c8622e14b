import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '../../support/processes.js';
import { conformVersion } from '../../../harness/cli/version.js';
import { runBin } from '../../support/run-bin.js';
import { repoRoot } from '../../support/run-conform.js';

const upper = 'fixtures/suites/upper';
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'conform-suite-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const conform = runBin;

describe('a suite from a file', () => {
  it('lists its tests, with its protocol document found beside the file', async () => {
    const result = await conform(['--suite', `./${upper}/suite.ts`, '--list']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(protocol: ${join(repoRoot, upper, 'protocol.md')})`);
    expect(result.stdout).toMatch(/^upper\.line +a line comes back in capitals$/m);
    expect(result.stdout).toMatch(/^upper\.split +a line sent in pieces is answered once, whole$/m);
  });

  it('passes a correct server on every test', async () => {
    const result = await conform(['--suite', `./${upper}/suite.ts`, `${upper}/correct/upper_server.py`]);
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.report?.suite).toBe('upper');
    expect(result.report?.tests.map((test) => [test.id, test.status])).toEqual([
      ['upper.line', 'passed'],
      ['upper.split', 'passed'],
    ]);
    expect(processesMentioning(upper)).toEqual([]);
  });

  it('fails a server that answers each read as a line at upper.split, with a replay that names the suite file', async () => {
    const buggy = `${upper}/buggy/one_read_one_line.py`;
    const result = await conform(['--suite', `./${upper}/suite.ts`, buggy, '--seed', '1']);
    expect(result.exitCode, result.stdout).toBe(1);
    const failed = result.report?.tests.filter((test) => test.status === 'failed') ?? [];
    expect(failed.map((test) => test.id)).toEqual(['upper.split']);
    const failure = failed[0]?.failure;
    expect(failure?.message).toMatch(
      /^c1 received "[A-Z0-9 ]+" when nothing was due \(conform waited \d+ ms/,
    );
    expect(failure?.hint).toBe('Keep what a read returned until its LF arrives: one read is not one line.');
    const replay = /Replay\s+npx conform (.+)$/m.exec(result.stdout)?.[1];
    expect(replay, result.stdout).toContain(
      `--suite ./${upper}/suite.ts --only upper.split --replay upper.split/`,
    );
    const again = await conform(replay?.split(' ') ?? []);
    expect(again.exitCode).toBe(1);
    expect(again.report?.tests.find((test) => test.id === 'upper.split')?.failure?.message).toBe(
      failure?.message,
    );
    expect(processesMentioning(upper)).toEqual([]);
  });

  it("takes the config file's suite from the config file's folder, wherever conform runs", async () => {
    const course = join(folder, 'course');
    await mkdir(join(course, 'suite'), { recursive: true });
    await cp(join(repoRoot, upper, 'suite.ts'), join(course, 'suite', 'upper.ts'));
    await cp(join(repoRoot, upper, 'protocol.md'), join(course, 'suite', 'protocol.md'));
    await writeFile(join(course, 'conform.config.json'), JSON.stringify({ suite: './suite/upper.ts' }));
    // No package.json says this folder's .ts files are modules: a suite is one all the same.
    const result = await conform(['--config', join(course, 'conform.config.json'), '--list'], folder);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(protocol: ${join(course, 'suite', 'protocol.md')})`);
  });

  it("takes the config file's suite of conform's own when no --suite is given", async () => {
    const course = join(folder, 'chat-course');
    await mkdir(course, { recursive: true });
    await writeFile(join(course, 'conform.config.json'), JSON.stringify({ suite: 'chat' }));
    const result = await conform(['--list'], course);
    expect(result.stdout).toMatch(/^chat\.register /m);
  });

  it('takes a suite package installed in node_modules by its name', async () => {
    const project = join(folder, 'project');
    const packageFolder = join(project, 'node_modules', 'conform-suite-upper');
    await mkdir(join(packageFolder, 'lib'), { recursive: true });
    await cp(join(repoRoot, upper, 'suite.ts'), join(packageFolder, 'lib', 'suite.ts'));
    await cp(join(repoRoot, upper, 'protocol.md'), join(packageFolder, 'lib', 'protocol.md'));
    await writeFile(
      join(packageFolder, 'package.json'),
      JSON.stringify({
        name: 'conform-suite-upper',
        type: 'module',
        exports: { '.': { import: './lib/suite.ts' } },
      }),
    );
    const result = await conform(['--suite', 'conform-suite-upper', '--list'], project);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(protocol: ${join(packageFolder, 'lib', 'protocol.md')})`);
  });
});

describe('a suite that cannot be run', () => {
  const refused = async (spec: string): Promise<string> => {
    const result = await conform(['--suite', spec, `${upper}/correct/upper_server.py`]);
    expect(result.exitCode, result.stdout).toBe(2);
    expect(result.stdout).toBe('');
    return result.stderr.trim();
  };

  it('is one line naming the file, and why, with exit code 2', async () => {
    expect(await refused('./fixtures/suites/bad/syntax-error.ts')).toBe(
      'conform: the suite ./fixtures/suites/bad/syntax-error.ts does not load: line 6: Expected identifier but found end of file',
    );
    expect(await refused('./fixtures/suites/bad/needs-newer.ts')).toBe(
      `conform: the suite ./fixtures/suites/bad/needs-newer.ts needs conform >=99, and this is conform ${conformVersion()}: install one in that range (npm install -g "conform@>=99")`,
    );
    expect(await refused('./fixtures/suites/bad/no-suite.ts')).toBe(
      'conform: ./fixtures/suites/bad/no-suite.ts exports no suite: export one as its default export (export default defineSuite({ ... }))',
    );
    expect(await refused('./fixtures/suites/bad/duplicate-ids.ts')).toBe(
      'conform: the suite in ./fixtures/suites/bad/duplicate-ids.ts: test id `twice.same` is used twice',
    );
    expect(await refused('./fixtures/suites/bad/missing.ts')).toBe(
      `conform: the suite file ./fixtures/suites/bad/missing.ts does not exist (looked for ${join(repoRoot, 'fixtures/suites/bad/missing.ts')})`,
    );
    expect(await refused('kv')).toBe(
      'conform: unknown suite `kv`: choose one of echo, broadcast, chat, a suite file (./suite.ts), or an installed suite package',
    );
    expect(await refused('ecoh')).toBe('conform: unknown suite `ecoh`: did you mean `echo`?');
  });

  it("reports an exception in a test's own code as the suite's error, where it was thrown, not as the server's failure", async () => {
    const result = await conform([
      '--suite',
      './fixtures/suites/bad/throws-mid-run.ts',
      `${upper}/correct/upper_server.py`,
    ]);
    expect(result.exitCode).toBe(3);
    const test = result.report?.tests[0];
    expect(test?.status).toBe('error');
    expect(test?.failure?.kind).toBe('suite');
    expect(test?.failure?.message).toBe(
      "the suite's own code failed (a bug in the suite, not in the server): Cannot read properties of undefined (reading 'limit') (at fixtures/suites/bad/throws-mid-run.ts:13)",
    );
    expect(processesMentioning(upper)).toEqual([]);
  });

  it("reports a model whose barrier line it does not answer as the suite's error, saying why", async () => {
    const result = await conform([
      '--suite',
      './fixtures/suites/bad/barrier-unanswered.ts',
      `${upper}/correct/upper_server.py`,
    ]);
    expect(result.exitCode).toBe(3);
    expect(result.report?.tests[0]?.failure?.kind).toBe('suite');
    expect(result.report?.tests[0]?.failure?.message).toBe(
      "the suite's own code failed (a bug in the suite, not in the server): the barrier line `PING` must be answered to its sender, and the model answers nothing",
    );
  });

  it('refuses to serve a suite with no model as a reference server, saying how to give it one', async () => {
    const result = await conform(['reference', `./${upper}/suite.ts`], repoRoot, { json: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(
      `conform: the suite ./${upper}/suite.ts has no model to serve: a test made with lineModelTest gives it one`,
    );
  });
});
