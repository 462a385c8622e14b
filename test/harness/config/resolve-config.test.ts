import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/config/config-error.js';
import { defaults } from '../../../harness/config/defaults.js';
import {
  resolveConfig,
  type Environment,
  type RawOptions,
  type ResolvedConfig,
} from '../../../harness/config/resolve-config.js';
import { echoSuite } from '../../../suites/echo/index.js';
import { repoRoot } from '../../support/run-conform.js';

let root: string;
let work: string;
let bin: string;
let server: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-config-'));
  work = join(root, 'work');
  bin = join(root, 'bin');
  mkdirSync(work);
  mkdirSync(bin);
  writeFileSync(join(bin, 'python3'), '#!/bin/sh\n');
  chmodSync(join(bin, 'python3'), 0o755);
  server = join(work, 'server.py');
  writeFileSync(server, 'print(1)\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function environment(overrides: Partial<Environment> = {}): Environment {
  return {
    env: { PATH: bin },
    cwd: work,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    typescriptLoader: 'file:///tsx/loader.mjs',
    ...overrides,
  };
}

function resolve(
  raw: RawOptions = {},
  options: { target?: string; command?: string[]; environment?: Partial<Environment> } = {},
): ResolvedConfig {
  const target =
    'target' in options ? options.target : options.command === undefined ? 'server.py' : undefined;
  return resolveConfig(raw, { target, command: options.command ?? [] }, environment(options.environment));
}

function failure(raw: RawOptions, options: Parameters<typeof resolve>[1] = {}): string {
  try {
    resolve(raw, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError, but the options were accepted');
}

describe('resolveConfig defaults', () => {
  it('fills in every option that was not given', () => {
    const config = resolve();
    expect(config).toMatchObject({
      selection: { only: [], skip: [] },
      list: false,
      runs: undefined,
      replay: undefined,
      replyTimeoutMs: defaults.replyTimeoutMs,
      startupTimeoutMs: defaults.startupTimeoutMs,
      port: undefined,
      jobs: availableParallelism(),
      reports: [],
      terminalStream: 'stdout',
      build: undefined,
      verbosity: 'normal',
      color: false,
      maxBufferedBytes: defaults.maxBufferedBytes,
    });
    expect(config.suite).toBe(echoSuite);
    expect(defaults).toMatchObject({ suite: 'echo', replyTimeoutMs: 2000, startupTimeoutMs: 10_000 });
  });

  it('chooses a fresh non-negative 31-bit seed when none is given', () => {
    const seeds = new Set(Array.from({ length: 20 }, () => resolve().seed));
    for (const seed of seeds) {
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThan(0x7fffffff);
    }
    expect(seeds.size).toBeGreaterThan(1);
  });

  it("runs the server in the working folder with what it needs of conform's environment, unbuffered Python", () => {
    const config = resolve(
      {},
      {
        environment: {
          env: { PATH: bin, HOME: '/home/student', UNSET: undefined, CI_JOB_TOKEN: 'secret' },
        },
      },
    );
    expect(config.server).toEqual({
      command: {
        file: 'python3',
        args: [server, '{port}'],
        env: { PATH: bin, HOME: '/home/student', PYTHONUNBUFFERED: '1' },
        cwd: work,
      },
      display: 'server.py',
      language: { name: 'python', events: false },
    });
  });

  it('reads the options that were given', () => {
    const config = resolve({
      seed: '42',
      runs: '7',
      timeout: '150',
      startupTimeout: '3000',
      port: '8080',
      jobs: '3',
      json: 'out/report.json',
      verbose: true,
    });
    expect(config).toMatchObject({
      seed: 42,
      runs: 7,
      replyTimeoutMs: 150,
      startupTimeoutMs: 3000,
      port: 8080,
      jobs: 3,
      verbosity: 'verbose',
    });
    expect(config.reports.map((report) => [report.format.name, report.file])).toEqual([
      ['json', 'out/report.json'],
    ]);
    expect(resolve({ quiet: true }).verbosity).toBe('quiet');
  });

  it('takes the jobs from the course config unless the command line gives them', () => {
    const course = {
      file: join(work, 'conform.config.json'),
      name: 'conform.config.json',
      config: { jobs: 2 },
    };
    const target = { target: 'server.py', command: [] };
    expect(resolveConfig({}, target, environment(), course).jobs).toBe(2);
    expect(resolveConfig({ jobs: '5' }, target, environment(), course).jobs).toBe(5);
  });

  it('checks every option with its flag in the message', () => {
    expect(failure({ runs: 'x' })).toBe('Expected `--runs` to be a positive whole number, got `x`');
    expect(failure({ timeout: '0' })).toMatch(/^Expected `--timeout` to be /);
    expect(failure({ startupTimeout: 'soon' })).toMatch(
      /^Expected `--startup-timeout` to be .*, got `soon`$/,
    );
    expect(failure({ port: '65536' })).toMatch(/^Expected `--port` to be .*, got `65536`$/);
    expect(failure({ jobs: '0' })).toBe('Expected `--jobs` to be a positive whole number, got `0`');
  });
});

describe('resolveConfig choices that conflict or select nothing', () => {
  it('refuses --quiet with --verbose', () => {
    expect(failure({ quiet: true, verbose: true })).toBe('choose one of --quiet and --verbose');
  });

  it('names the suites there are for an unknown suite', () => {
    expect(failure({ suite: 'http' })).toBe(
      'unknown suite `http`: choose one of echo, broadcast, chat, a suite file (./suite.ts), or an installed suite package',
    );
  });

  it('refuses an --only or --skip glob that matches no test', () => {
    expect(failure({ only: ['echo.stream', 'echo.nothing*'] })).toBe(
      '--only echo.nothing* matches no test of suite echo: see the ids with --list',
    );
    expect(failure({ skip: ['echo.strem'] })).toBe(
      '--skip echo.strem matches no test of suite echo: see the ids with --list',
    );
  });

  it('keeps globs that match', () => {
    expect(resolve({ only: ['echo.*-clients'], skip: ['echo.many-clients'] }).selection).toEqual({
      only: ['echo.*-clients'],
      skip: ['echo.many-clients'],
    });
  });

  it('needs no server for --list', () => {
    const config = resolve({ list: true }, { target: undefined });
    expect(config.list).toBe(true);
    expect(config.server).toBeUndefined();
  });

  it('needs a server otherwise', () => {
    expect(failure({}, { target: undefined })).toMatch(/^nothing to test: /);
  });
});

describe('resolveConfig --json', () => {
  it('takes a file in a folder that does not exist yet: it is created when writing', () => {
    const { reports } = resolve({ json: 'reports/today/report.json' });
    expect(reports.map((report) => [report.format.name, report.file])).toEqual([
      ['json', 'reports/today/report.json'],
    ]);
  });

  it('refuses a path under a file', () => {
    writeFileSync(join(work, 'notes.txt'), '');
    expect(failure({ json: 'notes.txt/out/report.json' })).toBe(
      'cannot write the JSON report to notes.txt/out/report.json: notes.txt is a file, not a folder: choose another --json path',
    );
  });

  it('refuses a folder', () => {
    mkdirSync(join(work, 'results'), { recursive: true });
    expect(failure({ json: 'results' })).toBe(
      'cannot write the JSON report to results: it is a folder: give a file name, like --json results/report.json',
    );
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file or a folder it may not write to', () => {
    const locked = join(work, 'locked');
    mkdirSync(locked, { recursive: true });
    writeFileSync(join(locked, 'old.json'), '');
    chmodSync(join(locked, 'old.json'), 0o444);
    chmodSync(locked, 0o555);
    try {
      expect(failure({ json: 'locked/new/report.json' })).toBe(
        'cannot write the JSON report to locked/new/report.json: no permission to create files in locked: choose another --json path',
      );
      expect(failure({ json: 'locked/old.json' })).toBe(
        'cannot write the JSON report to locked/old.json: no permission to write it: choose another --json file',
      );
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('checks nothing with --list, which writes no report', () => {
    expect(resolve({ json: 'notes.txt/report.json', list: true }, { target: undefined }).list).toBe(true);
  });
});

describe('resolveConfig --replay', () => {
  it('reads the token, selects its test and takes its seed', () => {
    const config = resolve({ replay: 'echo.stream/12345/2:0:1' });
    expect(config.replay).toEqual({ testId: 'echo.stream', seed: 12345, path: '2:0:1' });
    expect(config.selection).toEqual({ only: ['echo.stream'], skip: [] });
    expect(config.seed).toBe(12345);
  });

  it('reads a negative seed and a one-step path', () => {
    expect(resolve({ replay: 'echo.binary/-7/0' }).replay).toEqual({
      testId: 'echo.binary',
      seed: -7,
      path: '0',
    });
  });

  it.each(['echo.stream', 'echo.stream/12345', 'echo.stream/x/1', 'echo.stream/1/2:', 'Echo.Stream/1/2', ''])(
    'refuses the token %j',
    (token) => {
      expect(failure({ replay: token })).toBe(
        `Expected \`--replay\` to be a token as printed by a failing run (like echo.stream/12345/2:0:1), got \`${token}\``,
      );
    },
  );

  it('refuses a token for a test the suite does not have', () => {
    expect(failure({ replay: 'echo.nonexistent/1/0' })).toBe(
      'the --replay token is for test echo.nonexistent, which suite echo does not have: check --suite',
    );
  });
});

describe('resolveConfig colour', () => {
  it.each([
    ['a terminal', {}, true, undefined, true],
    ['a pipe', {}, false, undefined, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, undefined, false],
    ['an empty NO_COLOR on a terminal', { NO_COLOR: '' }, true, undefined, true],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, undefined, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, undefined, false],
    ['FORCE_COLOR=0 on a pipe', { FORCE_COLOR: '0' }, false, undefined, false],
    ['NO_COLOR with FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, undefined, false],
    ['--no-color on a terminal', {}, true, false, false],
    ['--no-color with FORCE_COLOR', { FORCE_COLOR: '3' }, true, false, false],
    ['--color (the default) on a pipe', {}, false, true, false],
  ] as const)('with %s', (_case, env, stdoutIsTTY, color, expected) => {
    const raw: RawOptions = color === undefined ? {} : { color };
    expect(resolve(raw, { environment: { env: { PATH: bin, ...env }, stdoutIsTTY } }).color).toBe(expected);
  });
});

describe('resolveConfig replay command', () => {
  it('re-runs the same file with the same fixed options', () => {
    const config = resolve({ port: '9000', timeout: '500', startupTimeout: '4000', seed: '3' });
    expect(config.replayCommand(['--only', 'echo.stream', '--seed', '3'])).toBe(
      'npx conform server.py --port 9000 --timeout 500 --startup-timeout 4000 --only echo.stream --seed 3',
    );
  });

  it('carries the course config it was given, and a time limit given on the command line', () => {
    const config = resolve({ config: '../course/conform.config.json', timeLimit: ['echo.large=10s'] });
    expect(config.replayCommand(['--only', 'echo.large'])).toBe(
      'npx conform server.py --config ../course/conform.config.json --time-limit echo.large=10s --only echo.large',
    );
  });

  it('puts a command target after the options, and quotes what needs it', () => {
    const config = resolve({}, { command: ['python3', 'my server.py', '{port}'] });
    expect(config.replayCommand(['--only', 'echo.*'])).toBe(
      "npx conform --only 'echo.*' -- python3 'my server.py' {port}",
    );
  });

  it('says `conform` where conform was installed on PATH, and `npx conform` under npx', () => {
    const installed = join(root, 'installed');
    mkdirSync(installed, { recursive: true });
    symlinkSync(join(repoRoot, 'bin', 'conform.js'), join(installed, 'conform'));
    const path = `${bin}:${installed}`;
    expect(resolve({}, { environment: { env: { PATH: path } } }).replayCommand(['--seed', '3'])).toBe(
      'conform server.py --seed 3',
    );
    const npx = { PATH: path, npm_command: 'exec', npm_lifecycle_event: 'npx' };
    expect(resolve({}, { environment: { env: npx } }).replayCommand(['--seed', '3'])).toBe(
      'npx conform server.py --seed 3',
    );
  });
});

describe('resolveConfig --reporter', () => {
  it('takes formats to files and at most one to stdout, which sends the terminal report to stderr', () => {
    const config = resolve({ reporter: ['junit=out/junit.xml', 'tap'], json: 'out/report.json' });
    expect(config.reports.map((report) => [report.format.name, report.file])).toEqual([
      ['junit', 'out/junit.xml'],
      ['tap', undefined],
      ['json', 'out/report.json'],
    ]);
    expect(config.terminalStream).toBe('stderr');
    expect(resolve({ reporter: ['junit=junit.xml'] }).terminalStream).toBe('stdout');
  });

  it('names an unknown format and the closest one', () => {
    expect(failure({ reporter: ['junti'] })).toBe('unknown reporter `junti`: did you mean `junit`?');
    expect(failure({ reporter: ['docx'] })).toMatch(
      /^unknown reporter `docx`: choose one of json, junit, tap, /,
    );
  });

  it('refuses two reports on stdout, or in one file, or an empty file name', () => {
    expect(failure({ reporter: ['tap', 'junit'] })).toBe(
      'only one reporter may write to stdout, got tap and junit: give the others a file, like --reporter junit=junit.xml',
    );
    expect(failure({ reporter: ['tap=out.txt', 'junit=out.txt'] })).toBe(
      'two reports would be written to out.txt: give each its own file',
    );
    expect(failure({ reporter: ['junit='] })).toBe(
      '--reporter junit= names no file: give one, like --reporter junit=junit.xml, or leave out = for stdout',
    );
  });

  it('checks each file before the run', () => {
    mkdirSync(join(work, 'reports-folder'), { recursive: true });
    expect(failure({ reporter: ['junit=reports-folder'] })).toBe(
      'cannot write the junit report to reports-folder: it is a folder: give a file name, like --reporter junit=reports-folder/junit.xml',
    );
  });

  it("takes GitHub's step summary file from the environment", () => {
    const config = resolve(
      {},
      { environment: { env: { PATH: bin, GITHUB_STEP_SUMMARY: '/tmp/summary.md' } } },
    );
    expect(config.stepSummaryFile).toBe('/tmp/summary.md');
    expect(resolve().stepSummaryFile).toBeUndefined();
  });
});
