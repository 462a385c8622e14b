import { randomInt } from 'node:crypto';
import type { ServerCommand } from '../supervisor/start-server.js';
import { parseReplayToken, type ReplayToken } from '../runner/replay-token.js';
import { unmatchedGlobs, type Selection } from '../runner/select-tests.js';
import type { Suite } from '../runner/suite.js';
import { suites } from '../../suites/index.js';
import { ConfigError } from './config-error.js';
import { defaults } from './defaults.js';
import { jsonFileProblem } from './json-file-problem.js';
import { readCount, readDuration, readPort, readSeed } from './read-option.js';
import { resolveTarget, shellQuote, type ResolvedTarget } from './resolve-target.js';

/** The command line's options as given, before any checking. */
export interface RawOptions {
  readonly suite?: string;
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly list?: boolean;
  readonly seed?: string;
  readonly runs?: string;
  readonly replay?: string;
  readonly timeout?: string;
  readonly startupTimeout?: string;
  readonly shrinkTime?: string;
  readonly port?: string;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly color?: boolean;
}

export interface Environment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  readonly typescriptLoader: string;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Every option decided, checked and filled in: the only configuration the rest of conform reads. */
export interface ResolvedConfig {
  readonly suite: Suite;
  readonly selection: Selection;
  readonly list: boolean;
  readonly seed: number;
  readonly runs: number | undefined;
  readonly replay: ReplayToken | undefined;
  readonly replyTimeoutMs: number;
  readonly startupTimeoutMs: number;
  readonly shrinkTimeMs: number;
  readonly port: number | undefined;
  /** As given: relative to the working folder. Checked to be writable, except with --list. */
  readonly jsonFile: string | undefined;
  readonly verbosity: Verbosity;
  readonly color: boolean;
  readonly maxBufferedBytes: number;
  /** Undefined with --list, which runs nothing. */
  readonly server: { readonly command: ServerCommand; readonly display: string } | undefined;
  /** The arguments that re-run this target the same way, for replay lines. */
  readonly replayCommand: (args: readonly string[]) => string;
}

function resolveSuite(name: string): Suite {
  const suite = suites.get(name);
  if (suite === undefined) {
    throw new ConfigError(
      `unknown suite \`${name}\`: choose one of ${[...suites.keys()].join(', ')} with --suite`,
    );
  }
  return suite;
}

function resolveSelection(suite: Suite, raw: RawOptions, replay: ReplayToken | undefined): Selection {
  const only = [...(raw.only ?? [])];
  const skip = [...(raw.skip ?? [])];
  for (const [flag, globs] of [
    ['--only', only],
    ['--skip', skip],
  ] as const) {
    const unmatched = unmatchedGlobs(suite.tests, globs);
    if (unmatched.length > 0) {
      throw new ConfigError(
        `${flag} ${unmatched[0]} matches no test of suite ${suite.name}: see the ids with --list`,
      );
    }
  }
  if (replay !== undefined) {
    if (!suite.tests.some((test) => test.id === replay.testId)) {
      throw new ConfigError(
        `the --replay token is for test ${replay.testId}, which suite ${suite.name} does not have: check --suite`,
      );
    }
    return { only: only.length > 0 ? only : [replay.testId], skip };
  }
  return { only, skip };
}

function resolveReplay(value: string | undefined): ReplayToken | undefined {
  if (value === undefined) return undefined;
  const token = parseReplayToken(value);
  if (token === undefined) {
    throw new ConfigError(
      `Expected \`--replay\` to be a token as printed by a failing run (like echo.stream/12345/2:0:1), got \`${value}\``,
    );
  }
  return token;
}

function resolveColor(raw: RawOptions, environment: Environment): boolean {
  if (raw.color === false) return false;
  const { NO_COLOR, FORCE_COLOR } = environment.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR === '0' || FORCE_COLOR === 'false') return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '') return true;
  return environment.stdoutIsTTY;
}

function resolveJsonFile(file: string | undefined, list: boolean, cwd: string): string | undefined {
  // --list writes no report.
  const problem = file === undefined || list ? undefined : jsonFileProblem(file, cwd);
  if (problem !== undefined) throw new ConfigError(problem);
  return file;
}

function serverEnv(env: Environment['env']): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) copy[key] = value;
  // Python buffers output sent to a pipe; unbuffered, the output tail shows what happened up to a crash.
  copy.PYTHONUNBUFFERED = '1';
  return copy;
}

function replayCommandFor(
  target: ResolvedTarget | undefined,
  raw: RawOptions,
  suite: Suite,
  port: number | undefined,
): (args: readonly string[]) => string {
  const fixed = [
    ...(suite.name === defaults.suite ? [] : ['--suite', suite.name]),
    ...(port === undefined ? [] : ['--port', String(port)]),
    ...(raw.timeout === undefined ? [] : ['--timeout', raw.timeout]),
    ...(raw.startupTimeout === undefined ? [] : ['--startup-timeout', raw.startupTimeout]),
  ];
  return (args) => {
    const options = [...fixed, ...args].map(shellQuote).join(' ');
    if (target === undefined) return `npx conform ${options}`;
    return target.display.startsWith('-- ')
      ? `npx conform ${options} ${target.display}`
      : `npx conform ${shellQuote(target.display)} ${options}`;
  };
}

/** Checks every option once and decides everything the run needs. Throws ConfigError for bad input. */
export function resolveConfig(
  raw: RawOptions,
  target: { readonly target: string | undefined; readonly command: readonly string[] },
  environment: Environment,
): ResolvedConfig {
  if (raw.quiet === true && raw.verbose === true)
    throw new ConfigError('choose one of --quiet and --verbose');
  const suite = resolveSuite(raw.suite ?? defaults.suite);
  const replay = resolveReplay(raw.replay);
  const selection = resolveSelection(suite, raw, replay);
  const port = readPort('--port', raw.port);
  const list = raw.list === true;
  const resolved = list
    ? undefined
    : resolveTarget({
        ...target,
        cwd: environment.cwd,
        path: environment.env.PATH ?? '',
        env: environment.env,
        typescriptLoader: environment.typescriptLoader,
      });
  const jsonFile = resolveJsonFile(raw.json, list, environment.cwd);
  return {
    suite,
    selection,
    list,
    seed: readSeed('--seed', raw.seed) ?? replay?.seed ?? randomInt(0, 0x7fffffff),
    runs: readCount('--runs', raw.runs),
    replay,
    replyTimeoutMs: readDuration('--timeout', raw.timeout) ?? defaults.replyTimeoutMs,
    startupTimeoutMs: readDuration('--startup-timeout', raw.startupTimeout) ?? defaults.startupTimeoutMs,
    shrinkTimeMs: readDuration('--shrink-time', raw.shrinkTime) ?? defaults.shrinkTimeMs,
    port,
    jsonFile,
    verbosity: raw.quiet === true ? 'quiet' : raw.verbose === true ? 'verbose' : 'normal',
    color: resolveColor(raw, environment),
    maxBufferedBytes: defaults.maxBufferedBytes,
    server:
      resolved === undefined
        ? undefined
        : {
            command: {
              file: resolved.file,
              args: resolved.args,
              env: serverEnv(environment.env),
              cwd: environment.cwd,
            },
            display: resolved.display,
          },
    replayCommand: replayCommandFor(resolved, raw, suite, port),
  };
}
