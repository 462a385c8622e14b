import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '../../support/processes.js';
import { idsWith, runConform } from '../../support/run-conform.js';
import { fixture } from '../../support/toolchains.js';

const folder = mkdtempSync(join(tmpdir(), 'conform-reporters-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Copies, run from this test's folder: the fixture tables check that no server of theirs is left
// running, by the fixtures' folders, while this file runs beside them.
const correct = join(folder, 'threads_echo_server.py');
const buggy = join(folder, 'stream_first_recv_only.py');
copyFileSync(fixture('echo/correct/threads_echo_server.py'), correct);
copyFileSync(fixture('echo/buggy/stream_first_recv_only.py'), buggy);

describe('conform --reporter', () => {
  it('sends one report to stdout, and the terminal report to stderr', async () => {
    const run = await runConform([correct, '--only', 'echo.accept', '--reporter', 'tap'], { json: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^TAP version 14\n1\.\.12\nok 1 - echo\.accept - /);
    expect(run.stderr).toContain('✓ echo.accept');
  });

  it('writes each format to its file from the same results, and the JSON report too', async () => {
    const junit = join(folder, 'out', 'junit.xml');
    const gradescope = join(folder, 'out', 'results.json');
    const run = await runConform([
      buggy,
      '--only',
      'echo.stream',
      '--only',
      'echo.accept',
      '--seed',
      '1',
      '--reporter',
      `junit=${junit}`,
      '--reporter',
      `gradescope=${gradescope}`,
    ]);
    expect(run.exitCode).toBe(1);
    expect(idsWith(run.report, 'failed')).toEqual(['echo.stream']);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="conform echo" tests="12" failures="1" errors="0" skipped="10"');
    expect(xml).toContain('<failure message="');
    const results = JSON.parse(readFileSync(gradescope, 'utf8')) as {
      score: number;
      tests: { status: string }[];
    };
    expect(results.score).toBe(run.report?.summary.score);
    expect(results.tests.map((test) => test.status)).toEqual(['passed', 'failed']);
  });

  it("appends the github reporter's summary to GitHub's step summary file, after what is there", async () => {
    const summary = join(folder, 'step-summary.md');
    writeFileSync(summary, '# an earlier step\n');
    const run = await runConform([buggy, '--only', 'echo.stream', '--seed', '1', '--reporter', 'github'], {
      json: false,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error title=echo\.stream,file=.*stream_first_recv_only\.py::/m);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# an earlier step\n')).toBe(true);
    expect(text).toContain('`echo.stream`');
  });

  it('says in one line, at once, that a report cannot be written under /proc (exit 3), after the results', async () => {
    const run = await runConform(
      [correct, '--only', 'echo.accept', '--reporter', 'junit=/proc/conform-test/junit.xml'],
      {
        json: false,
      },
    );
    expect(run.stdout).toContain('✓ echo.accept');
    expect(run.stderr).toMatch(
      /^conform: could not write the junit report to \/proc\/conform-test\/junit\.xml: ENOENT/,
    );
    expect(run.exitCode).toBe(3);
  }, 20_000);

  it('writes every report when the server file does not exist, with each test not run', async () => {
    const junit = join(folder, 'missing', 'junit.xml');
    const run = await runConform(['no/such/server.py', '--reporter', `junit=${junit}`]);
    expect(run.exitCode).toBe(2);
    expect(readFileSync(junit, 'utf8')).toContain('errors="12"');
  });
});

describe('conform --given-port-only', () => {
  it('tests nothing on a server that picks its own port, and says which port (kind fixed-port)', async () => {
    // The seed server, on a fixed port of its own: 2000 belongs to the tests of the seed server itself.
    const port = await getPort({ host: '127.0.0.1' });
    const seed = join(folder, 'seed_echo_server.py');
    writeFileSync(
      seed,
      readFileSync(fixture('echo/seed_echo_server.py'), 'utf8').replace('2000', String(port)),
    );
    const run = await runConform([seed, '--given-port-only']);
    expect(run.exitCode).toBe(3);
    expect(run.report?.target.port).toBe(port);
    expect(new Set(run.report?.tests.map((test) => test.failure?.kind))).toEqual(new Set(['fixed-port']));
    expect(run.report?.tests[0]?.failure?.message).toMatch(
      new RegExp(
        `^the server listens on port ${port}, not on port \\d+ it was given \\(--given-port-only\\)$`,
      ),
    );
    expect(processesMentioning(seed)).toEqual([]);
  });

  it('changes nothing for a server that takes the port it is given', async () => {
    const run = await runConform([correct, '--given-port-only', '--only', 'echo.accept']);
    expect(run.exitCode).toBe(0);
  });
});
