import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.js';
import { referenceServers } from '../../../reference/index.js';
import { echoSuite } from '../../../suites/echo/index.js';
import { suites } from '../../../suites/index.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { idsWith, repoRoot, runConform, type ConformRun } from '../../support/run-conform.js';
import { fixture, pythonExecutable } from '../../support/toolchains.js';
import { pollUntil, withDeadline } from '../../support/wait.js';

const waitMs = 10_000;
const version = (JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { version: string }).version;

const markers: string[] = [];
const runs: Promise<unknown>[] = [];

afterEach(async () => {
  // A run a test gave up on still owns its server until it ends.
  await Promise.allSettled(runs.splice(0));
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
});

function newMarker(): string {
  const marker = `conform-cli-test-${randomUUID()}`;
  markers.push(marker);
  return marker;
}

/** `conform <args>` in this process, with no JSON report. */
function conform(args: readonly string[]): Promise<ConformRun> {
  return runConform(args, { json: false });
}

describe('conform --help and --version', () => {
  it('prints usage and exits 0', async () => {
    const run = await conform(['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: conform [target] [options] [-- command args...]');
    expect(run.stdout).toContain('--startup-timeout <ms>');
    expect(run.stderr).toBe('');
  });

  it('names every built-in suite in the help of --suite', async () => {
    const run = await conform(['--help']);
    // Commander wraps the help to the terminal's width.
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      `-s, --suite <name> protocol suite to run: ${[...suites.keys()].join(', ')}`,
    );
    expect([...suites.keys()]).toEqual(['echo', 'broadcast', 'chat']);
  });

  it('names every reference server in the help of conform reference', async () => {
    const run = await conform(['reference', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`which reference server: ${[...referenceServers.keys()].join(', ')}`);
    expect([...referenceServers.keys()]).toEqual(['echo', 'broadcast', 'chat']);
  });

  it.each(['--version', '-V'])('prints the version for %s and exits 0', async (flag) => {
    const run = await conform([flag]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });
});

describe('conform with bad usage exits 2', () => {
  it('names an unknown option in a one-line error, pointing to --help', async () => {
    const run = await conform(['--bogus']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("conform: unknown option '--bogus' (see conform --help)\n");
    expect(run.stdout).toBe('');
  });

  it('refuses --quiet with --verbose', async () => {
    const run = await conform(['-q', '-v', 'server.py']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('conform: choose one of --quiet and --verbose\n');
  });

  it('refuses a --json path it could not write, before starting anything', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'conform-json-'));
    try {
      const run = await conform(['--json', folder, '--', process.execPath, '-e', 'process.exit(9)']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `conform: cannot write the JSON report to ${folder}: it is a folder: give a file name, like --json ${join(folder, 'report.json')}\n`,
      );
      expect(run.stdout).toBe('');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keeps exit code 2 for a configuration error when the --json file could not be written either', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'conform-json-'));
    try {
      await writeFile(join(folder, 'notes.txt'), '');
      const run = await conform(['--json', join(folder, 'notes.txt', 'report.json'), 'no/such/server.py']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        'conform: no such file: no/such/server.py (check the path, or give a command after --)\n',
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('says a target file does not exist', async () => {
    const run = await conform(['no/such/server.py']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'conform: no such file: no/such/server.py (check the path, or give a command after --)\n',
    );
    expect(run.stdout).toBe('');
  });

  it('reports a bad option value in the shared message shape', async () => {
    const run = await conform(['--runs', 'x', '--', 'python3', 'server.py', '{port}']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('conform: Expected `--runs` to be a positive whole number, got `x`\n');
  });

  it('names the suites there are for an unknown --suite', async () => {
    const run = await conform(['--list', '--suite', 'http']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'conform: unknown suite `http`: choose one of echo, broadcast, chat, a suite file (./suite.ts), or an installed suite package\n',
    );
  });

  it('says what to give when there is nothing to test', async () => {
    const run = await conform([]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^conform: nothing to test: /);
  });
});

describe('conform --list', () => {
  it('prints every echo test id, one a line, and exits 0 without a target', async () => {
    const run = await conform(['--list']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `${echoSuite.title} — ${echoSuite.tests.length} tests (protocol: ${join(repoRoot, 'docs', 'protocols', 'echo.md')})`,
    );
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(
      echoSuite.tests.map((test) => test.id),
    );
    for (const [index, test] of echoSuite.tests.entries()) expect(lines[index + 1]).toContain(test.title);
  });

  it('names the protocol document by a path that exists from any folder', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'conform-list-'));
    try {
      const run = await runConform(['--list', '--suite', 'chat'], { json: false, cwd: elsewhere });
      const path = /\(protocol: (.+)\)$/m.exec(run.stdout)?.[1] ?? '';
      expect(isAbsolute(path), run.stdout).toBe(true);
      expect(readFileSync(path, 'utf8')).toMatch(/^# /);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('conform against a server', () => {
  it('exits 0 when the selected test passes, and leaves no process behind', async () => {
    const marker = newMarker();
    const run = await runConform([
      '--only',
      'echo.single-message',
      '--',
      process.execPath,
      fixture('supervisor/listen_on_env_port.mjs'),
      marker,
    ]);
    expect(idsWith(run.report, 'passed'), run.stdout).toEqual(['echo.single-message']);
    expect(run.exitCode).toBe(0);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('exits 3 when the server never starts, marks every test an error and still writes the JSON report', async () => {
    const marker = newMarker();
    const run = await runConform([
      '--startup-timeout',
      '300',
      '--',
      pythonExecutable(),
      fixture('supervisor/never_listens.py'),
      '{port}',
      marker,
    ]);
    expect(run.exitCode).toBe(3);
    expect(run.report).toBeDefined();
    expect(run.report?.tests.map((test) => test.status)).toEqual(echoSuite.tests.map(() => 'error'));
    expect(run.report?.summary).toMatchObject({
      total: echoSuite.tests.length,
      errors: echoSuite.tests.length,
    });
    expect(run.report?.target.port).toBeNull();
    const [first, ...rest] = run.report?.tests ?? [];
    expect(first?.failure?.kind).toBe('startup');
    expect(first?.failure?.message).toMatch(/did not listen on any TCP port within 300 ms/);
    for (const test of rest) expect(test.failure?.message).toMatch(/^not run: the server never started/);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('says in one line, after the results, that the JSON report could not be written, and exits 3', async () => {
    const marker = newMarker();
    const folder = await mkdtemp(join(tmpdir(), 'conform-json-'));
    const out = join(folder, 'out');
    // The server takes the place of the report's folder after conform checked it: only a server
    // whose files are not confined can.
    const server = `require('fs').writeFileSync(${JSON.stringify(out)}, ''); require('net').createServer((s) => s.pipe(s)).listen(+process.env.PORT, '127.0.0.1')`;
    try {
      const run = await conform([
        '--isolate',
        'off',
        '--only',
        'echo.accept',
        '--json',
        join(out, 'report.json'),
        '--',
        process.execPath,
        '-e',
        server,
        marker,
      ]);
      expect(run.exitCode).toBe(3);
      expect(run.stdout).toMatch(/✓ echo\.accept/);
      expect(run.stdout).toMatch(/1 passed/);
      expect(run.stderr).toMatch(
        new RegExp(
          `^conform: could not write the JSON report to ${join(out, 'report.json')}: E[A-Z]+: [^\n]*\n$`,
        ),
      );
      expect(processesMentioning(marker)).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("keeps the server's stderr in the report of a server that exits before listening", async () => {
    const marker = newMarker();
    const run = await runConform([
      '--',
      pythonExecutable(),
      fixture('supervisor/exits_before_listening.py'),
      marker,
    ]);
    expect(run.exitCode).toBe(3);
    expect(idsWith(run.report, 'error')).toEqual(echoSuite.tests.map((test) => test.id));
    const failure = run.report?.tests[0]?.failure;
    expect(failure?.message).toContain('exited with code 3 before listening');
    expect(failure?.serverOutputTail?.stderr).toContain('RuntimeError: config.ini not found');
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('stops when interrupted while the server is starting: exit code 130, every test interrupted, no process left', async () => {
    const marker = newMarker();
    const controller = new AbortController();
    // A server that never listens, and a startup timeout far past every deadline: only the interrupt ends the run.
    const run = runConform(
      [
        '--startup-timeout',
        '600000',
        '--',
        pythonExecutable(),
        fixture('supervisor/never_listens.py'),
        '{port}',
        marker,
      ],
      { signal: controller.signal },
    );
    runs.push(run);
    const started = await pollUntil(() => processesMentioning(marker).length > 0, waitMs);
    expect(started, 'the server was started').toBe(true);
    controller.abort(new Error('stopped by SIGINT'));
    const result = await withDeadline(run, waitMs, 'conform after the interrupt');
    expect(result.exitCode).toBe(130);
    // Tests already waiting for the server end with the interrupt's reason; the others never start.
    const failures = (result.report?.tests ?? []).map((test) => test.failure);
    expect(failures[0]).toMatchObject({ kind: 'interrupted', message: 'stopped by SIGINT' });
    expect(failures).toHaveLength(echoSuite.tests.length);
    for (const failure of failures) {
      expect(failure?.kind).toBe('interrupted');
      expect(['stopped by SIGINT', 'not run: the run was interrupted']).toContain(failure?.message);
    }
    expect(processesMentioning(marker)).toEqual([]);
  });
});

describe('main', () => {
  it('never needs a target for --help, even with a command after --', async () => {
    let stdout = '';
    const code = await main({
      argv: ['--help', '--', 'python3', 'server.py'],
      env: {},
      cwd: repoRoot,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      signal: new AbortController().signal,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: conform');
  });
});
