import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.js';
import { statusLineWanted } from '../../../harness/cli/status-line-wanted.js';
import { processesMentioning } from '../../support/processes.js';
import { repoRoot, runConform } from '../../support/run-conform.js';
import { fixture } from '../../support/toolchains.js';

// eslint-disable-next-line no-control-regex
const escapes = /\u001b\[/;
const erase = '\r\u001b[K';
const statusText = /run \d+\/\d+|shrinking/;

const folder = mkdtempSync(join(tmpdir(), 'conform-status-line-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
// A copy, run from this test's folder, so that the fixture tables running beside it see no server of theirs.
const server = join(folder, 'node_echo_server.mjs');
copyFileSync(fixture('echo/correct/node_echo_server.mjs'), server);

const tty = { isTTY: true, columns: 60 };
// Narrower than the status line of the two tests running together, which must be cut to fit.
const narrow = { isTTY: true, columns: 40 };
const terminalOnStdout = { terminalStream: 'stdout', verbosity: 'normal' } as const;

describe('statusLineWanted', () => {
  it('wants a status line where the terminal report goes to a terminal on stdout', () => {
    expect(statusLineWanted(terminalOnStdout, tty, {})).toBe(true);
  });

  it('wants none where stdout is not a terminal', () => {
    expect(statusLineWanted(terminalOnStdout, { isTTY: false }, {})).toBe(false);
    expect(statusLineWanted(terminalOnStdout, {}, {})).toBe(false);
  });

  it('wants none where a report takes stdout, in CI, on a dumb terminal, or with --quiet', () => {
    expect(statusLineWanted({ ...terminalOnStdout, terminalStream: 'stderr' }, tty, {})).toBe(false);
    expect(statusLineWanted(terminalOnStdout, tty, { CI: 'true' })).toBe(false);
    expect(statusLineWanted(terminalOnStdout, tty, { TERM: 'dumb' })).toBe(false);
    expect(statusLineWanted({ ...terminalOnStdout, verbosity: 'quiet' }, tty, {})).toBe(false);
  });
});

/** Runs conform in this process with stdout and stderr as given, outside CI. */
async function conformWith(
  args: readonly string[],
  stdout: { isTTY: boolean; columns?: number },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let out = '';
  let err = '';
  const exitCode = await main({
    argv: args,
    env: { ...process.env, CI: undefined, TERM: 'xterm', NO_COLOR: '1' },
    cwd: repoRoot,
    stdout: { ...stdout, write: (text: string) => (out += text) },
    stderr: { isTTY: stdout.isTTY, write: (text: string) => (err += text) },
    signal: new AbortController().signal,
  });
  return { exitCode, stdout: out, stderr: err };
}

/** What a terminal shows once the run is over: each erase wipes the line it is on. */
function screen(written: string): string {
  return written
    .split('\n')
    .map((line) => line.split(erase).at(-1) ?? '')
    .join('\n');
}

describe('conform on a terminal and off one', () => {
  const args = [server, '--only', 'echo.accept', '--only', 'echo.stream', '--seed', '1', '--jobs', '2'];

  it('leaves on a terminal the lines a pipe gets, each status line erased and none wider than the terminal', async () => {
    const run = await conformWith(args, narrow);
    expect(run.exitCode).toBe(0);
    // What each erase left on the line it erased: the status line, or nothing once no test runs.
    const drawn = run.stdout
      .split(erase)
      .slice(1)
      .map((written) => written.split('\n').at(-1) ?? '');
    expect(drawn.filter((line) => statusText.test(line))).not.toEqual([]);
    for (const line of drawn) {
      expect(line).toMatch(/^$|(\d\.\d s|…)$/);
      expect([...line].length).toBeLessThan(narrow.columns);
    }
    expect(drawn.at(-1)).toBe('');
    const shown = screen(run.stdout);
    expect(shown).not.toMatch(statusText);
    expect(shown).toMatch(/^✓ echo\.accept .*\n✓ echo\.stream .*\n/m);
    expect(shown).toContain('10 tests not selected (--only echo.accept,echo.stream)');
    expect(processesMentioning(folder)).toEqual([]);
  });

  it('writes no status and no escape code where stdout is not a terminal', async () => {
    const run = await runConform(args);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toMatch(escapes);
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).not.toMatch(statusText);
    expect(run.stdout).toMatch(/^✓ echo\.accept .*\n✓ echo\.stream .*\n/m);
    expect(run.stdout).toMatch(/^ {2}echo\.large +–$/m);
    expect(run.stdout).toContain('10 tests not selected (--only echo.accept,echo.stream)');
    expect(run.stdout).not.toMatch(/skipped/);
  });

  it('writes no status where a report takes stdout, even on a terminal', async () => {
    const run = await conformWith([...args, '--reporter', 'json'], tty);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { passed: 2, skipped: 10 } });
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toMatch(statusText);
    expect(run.stderr).toContain('✓ echo.stream');
  });

  it('says which tests --skip left out, beside those --only left out', async () => {
    const run = await runConform(
      [server, '--only', 'echo.accept', '--only', 'echo.large', '--skip', 'echo.large', '--seed', '1'],
      {},
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^ {2}echo\.accept +passed +1\/1 /m);
    expect(run.stdout).toMatch(/^ {2}echo\.large +–$/m);
    expect(run.stdout).toContain('11 tests not selected (--only echo.accept,echo.large; --skip echo.large)');
    expect(run.stdout).toMatch(/^1 passed, 0 failed {2}· {2}score 1\/1/m);
  });
});
