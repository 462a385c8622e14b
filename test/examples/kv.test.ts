import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMentioning } from '../support/processes.js';
import { runBin } from '../support/run-bin.js';
import { repoRoot } from '../support/run-conform.js';

// The KV example suite (examples/kv), written only against the public suite API, run as an
// instructor runs it: its servers in two languages, correct ones passing at any seed and each buggy
// one failing the test its bug breaks, with the words that explain it.
const kv = 'examples/kv';
// Ten cases a property (not the suite's 30 to 100): enough at these seeds, and quick.
const suite = ['--suite', `./${kv}/suite.ts`, '--runs', '10', '--shrink-time', '500'];

function command(file: string): string[] {
  return file.endsWith('.py')
    ? ['--', 'python3', `${kv}/${file}`, '{port}']
    : ['--', process.execPath, `${kv}/${file}`, '{port}'];
}

describe('the KV example suite', () => {
  // Each at a seed of its own: between them, two seeds' cases.
  for (const [server, seed] of [
    ['correct/kv_server.py', '1'],
    ['correct/kv_server.mjs', '2'],
  ] as const) {
    it(`passes ${server}`, async () => {
      const run = await runBin([...suite, '--seed', seed, ...command(server)]);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.report?.tests.map((test) => `${test.id} ${test.status}`)).toEqual([
        'kv.set-get passed',
        'kv.model passed',
      ]);
      expect(processesMentioning(kv)).toEqual([]);
    });
  }

  it("fails a store made per client at kv.model, where a second client does not see the first one's key", async () => {
    const run = await runBin([...suite, '--seed', '1', ...command('buggy/store_per_client.py')]);
    expect(run.exitCode, run.stdout).toBe(1);
    const failed = run.report?.tests.filter((test) => test.status === 'failed') ?? [];
    expect(failed.map((test) => test.id)).toEqual(['kv.model']);
    const failure = failed[0]?.failure;
    // The client that fails is not the one that set the key: the store is not shared.
    expect(failure?.message).toMatch(
      /^c(\d+) received a wrong byte at offset \d+ of its stream \("(KEYS|VALUE) /,
    );
    // Many bugs fail the model: its hint says how to find which, and names none.
    expect(failure?.hint).toMatch(
      /^Run the failing script by hand against `conform reference \.\/suite\.ts`/,
    );
    expect(processesMentioning(kv)).toEqual([]);
  });

  it('fails a value cut at its first space at kv.set-get and kv.model, the script showing the cut value', async () => {
    const run = await runBin([...suite, '--seed', '1', ...command('buggy/value_split_on_spaces.mjs')]);
    expect(run.exitCode, run.stdout).toBe(1);
    const failed = run.report?.tests.filter((test) => test.status === 'failed') ?? [];
    expect(failed.map((test) => test.id)).toEqual(['kv.set-get', 'kv.model']);
    const setGet = failed[0]?.failure;
    expect(setGet?.message).toMatch(/^c1 received a wrong byte at offset \d+ of its stream \("VALUE \S* \S*/);
    expect(setGet?.actual).toMatch(/^"VALUE \S*\\n"$/);
    expect(setGet?.hint).toBe(
      "Split the line once at the first space for the command, and once more for SET's key: the value is all the rest, spaces included.",
    );
    expect(processesMentioning(kv)).toEqual([]);
  });

  it('fails a server that decodes each read on its own at kv.model, saying so', async () => {
    // The suite's own 30 cases: a value with a split character must then be read back with GET.
    const cases = ['--runs', '30', '--shrink-time', '1000', '--only', 'kv.model'];
    const run = await runBin([...suite, ...cases, '--seed', '1', ...command('buggy/decode_per_read.mjs')]);
    expect(run.exitCode, run.stdout).toBe(1);
    const failed = run.report?.tests.filter((test) => test.status === 'failed') ?? [];
    expect(failed.map((test) => test.id)).toEqual(['kv.model']);
    expect(failed[0]?.failure?.cause).toBe('decoded-per-read');
    expect(failed[0]?.failure?.hint).toMatch(
      /^A character whose bytes came in two reads was lost .* It turns each 'data' chunk into a string/,
    );
    expect(processesMentioning(kv)).toEqual([]);
  });

  it("serves its model with `conform reference`, and that server passes the suite's tests", async () => {
    const reference = ['node', 'bin/conform.js', 'reference', `./${kv}/suite.ts`, '--port', '{port}'];
    const run = await runBin([...suite, '--seed', '3', '--', ...reference]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.report?.summary.passed).toBe(2);
    expect(processesMentioning(`reference ./${kv}/suite.ts`)).toEqual([]);
  });

  it('grades a class with the suite the course config names', async () => {
    const course = await mkdtemp(join(tmpdir(), 'conform-kv-course-'));
    try {
      await cp(join(repoRoot, kv), join(course, 'kv'), { recursive: true });
      for (const [id, file] of [
        ['alice', 'correct/kv_server.py'],
        ['bob', 'buggy/store_per_client.py'],
      ] as const) {
        await mkdir(join(course, 'class', id), { recursive: true });
        await cp(join(repoRoot, kv, file), join(course, 'class', id, 'server.py'));
      }
      await writeFile(
        join(course, 'conform.config.json'),
        JSON.stringify({ suite: './kv/suite.ts', start: 'server.py', runs: 10, seed: 1 }),
      );
      const graded = await runBin(['grade', 'class', '-q'], course, { json: false });
      expect(graded.exitCode, graded.stderr).toBe(0);
      const csv = await readFile(join(course, 'conform-grades', 'grades.csv'), 'utf8');
      expect(csv).toMatch(/^alice,1,.*,2,2,passed,$/m);
      expect(csv).toMatch(/^bob,1,.*,1,2,failed,$/m);
      expect(processesMentioning(course)).toEqual([]);
    } finally {
      await rm(course, { recursive: true, force: true });
    }
  });
});
