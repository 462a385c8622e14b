import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ServerCommand } from '../supervisor/start-server.js';
import type { ReplayToken } from '../runner/replay-token.js';
import { unmatchedGlobs, type Selection } from '../runner/select-tests.js';
import type { Suite } from '../runner/suite.js';
import { colorWanted } from './color-wanted.js';
import { ConfigError } from './config-error.js';
import { defaults } from './defaults.js';
import type { FormatContext } from '../../reports/report-format.js';
import type { LoadedCourseConfig } from './course-config.js';
import { checkTestPatterns, visibilityOf, withPoints } from './course-weights.js';
import { buildFrom, resolveSuite, targetFrom, withCourseDefaults } from './apply-course-config.js';
import { resolveServerLanguage } from './resolve-server-language.js';
import { resolveReporters, type ReportTarget } from './resolve-reporters.js';
import { readCount, readDuration, readPort, readSeed } from './read-option.js';
import { resolvePlatform } from './resolve-platform.js';
import type { ServerLanguage } from '../hints/server-language.js';
import type { Platform } from '../platform/platform.js';
import { resolveTarget, targetDisplay } from './resolve-target.js';
import { resolveSandbox } from './resolve-sandbox.js';
import { resolveServerEnv } from './resolve-server-env.js';
import { resolveInvocation } from './resolve-invocation.js';
import { resolveOracle, type OracleSpec } from './resolve-oracle.js';
import { replayCommandFor, resolveReplay, suiteArguments } from './replay-command.js';
import { resolveTimeLimits, type TimeLimits } from './time-limits.js';
import type { SandboxRequest } from '../supervisor/sandbox/sandbox.js';

/** The command line's options as given, before any checking. */
export interface RawOptions {
  readonly suite?: string;
  /** The solution server oracle tests compare with, as one string of words. */
  readonly oracle?: string;
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly list?: boolean;
  readonly seed?: string;
  readonly runs?: string;
  readonly replay?: string;
  readonly timeout?: string;
  /** `[glob=]time` each: the longest a test may take, as a graded check. */
  readonly timeLimit?: readonly string[];
  readonly startupTimeout?: string;
  readonly shrinkTime?: string;
  readonly port?: string;
  readonly jobs?: string;
  readonly json?: string;
  readonly reporter?: readonly string[];
  readonly config?: string;
  readonly givenPortOnly?: boolean;
  readonly memory?: string;
  readonly maxProcs?: string;
  readonly cpuTime?: string;
  readonly openFiles?: string;
  readonly disk?: string;
  /** Folders servers must not see (conform grade hides the class and its grades). */
  readonly hide?: readonly string[];
  /** Folders servers may read though they lie in a hidden one. */
  readonly expose?: readonly string[];
  readonly isolate?: string;
  /** `NAME=value` each: variables every server and build gets. */
  readonly env?: readonly string[];
  /** Variables of conform's environment passed on to servers and builds. */
  readonly passEnv?: readonly string[];
  /** false with --no-build. */
  readonly build?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly color?: boolean;
}

export interface Environment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly typescriptLoader: string;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

export interface ServerSpec {
  readonly command: ServerCommand;
  /** The server as a person would type it. */
  readonly display: string;
  /** What the server is written in, for hints in its terms. */
  readonly language: ServerLanguage;
}

export interface BuildStep {
  readonly command: readonly string[];
  readonly timeoutMs: number;
}

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
  /**
   * Tests run at once at most (default: the number of cores). Servers that cannot each have a port of
   * their own (--port, or a server on a fixed port) still run one at a time.
   */
  readonly jobs: number;
  /** Stop before testing a server that listens on a port other than the one it was given. */
  readonly givenPortOnly: boolean;
  /** How servers' ports and processes are found: /proc, lsof and ps, or a connect only. */
  readonly platform: Platform;
  /** The reports to write, files as given (relative to the working folder), checked to be writable except with --list. */
  readonly reports: readonly ReportTarget[];
  /** Where the terminal report goes: stderr when a reporter writes to stdout. */
  readonly terminalStream: 'stdout' | 'stderr';
  readonly formatContext: FormatContext;
  /** GitHub Actions' step summary file, for reporters that append to it. */
  readonly stepSummaryFile: string | undefined;
  /** The course's build step, run in the working folder before the first server starts. */
  readonly build: BuildStep | undefined;
  readonly verbosity: Verbosity;
  readonly color: boolean;
  readonly maxBufferedBytes: number;
  /** Limits and namespaces for the servers, and the programs that make them. */
  readonly sandbox: SandboxRequest;
  /** The environment servers and the build start with (conform adds PORT and its tag). */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** Undefined with --list, which runs nothing, and with a build, before which the program may not exist. */
  readonly server: ServerSpec | undefined;
  /** The longest each test may take as the course sets it (config and --time-limit), where it does. */
  readonly timeLimits: TimeLimits | undefined;
  /** The solution server that tests with `oracle: true` compare with; undefined when none runs. */
  readonly oracle: OracleSpec | undefined;
  /** With a build: the server, resolved once the build has made it. */
  readonly serverAfterBuild: (() => ServerSpec) | undefined;
  /** The command that re-runs this target the same way with these arguments, as the person runs conform. */
  readonly replayCommand: (args: readonly string[]) => string;
}

export function resolveSelection(suite: Suite, raw: RawOptions, replay: ReplayToken | undefined): Selection {
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

/** Checks every option once and decides everything the run needs. Throws ConfigError for bad input. */
export function resolveConfig(
  given: RawOptions,
  commandLineTarget: { readonly target: string | undefined; readonly command: readonly string[] },
  environment: Environment,
  course?: LoadedCourseConfig,
  loadedSuite?: Suite,
): ResolvedConfig {
  if (given.quiet === true && given.verbose === true)
    throw new ConfigError('choose one of --quiet and --verbose');
  const raw = withCourseDefaults(given, course);
  const where = course === undefined ? '' : course.name;
  const baseSuite = resolveSuite(raw.suite ?? defaults.suite, loadedSuite);
  const suite = withPoints(baseSuite, course?.config.points, where);
  if (course !== undefined) {
    for (const key of ['only', 'skip'] as const)
      checkTestPatterns(baseSuite, course.config[key] ?? [], key, where);
  }
  const replay = resolveReplay(raw.replay);
  const selection = resolveSelection(suite, raw, replay);
  const port = readPort('--port', raw.port);
  const list = raw.list === true;
  const build = list ? undefined : buildFrom(raw, course, environment.cwd);
  const target = targetFrom(commandLineTarget, course, environment.cwd);
  const serverEnv = resolveServerEnv(raw, environment.env);
  const serverSpec = (): ServerSpec => {
    const resolved = resolveTarget({
      ...target,
      cwd: environment.cwd,
      path: environment.env.PATH ?? '',
      env: environment.env,
      typescriptLoader: environment.typescriptLoader,
    });
    return {
      command: {
        file: resolved.file,
        args: resolved.args,
        env: serverEnv,
        cwd: environment.cwd,
      },
      display: resolved.display,
      language: resolveServerLanguage({ ...target, build: build?.command, cwd: environment.cwd }),
    };
  };
  // A build makes the server's program: it is looked for once the build has run.
  const server = list || build !== undefined ? undefined : serverSpec();
  const reports = resolveReporters(raw.reporter ?? [], raw.json, { cwd: environment.cwd, check: !list });
  const terminalStream = reports.some((report) => report.file === undefined) ? 'stderr' : 'stdout';
  const stepSummary = environment.env.GITHUB_STEP_SUMMARY;
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
    jobs: readCount('--jobs', raw.jobs) ?? availableParallelism(),
    givenPortOnly: raw.givenPortOnly === true,
    platform: resolvePlatform(environment.env, environment.cwd),
    reports,
    terminalStream,
    formatContext: { visibility: visibilityOf(baseSuite, course?.config.visibility, where) },
    stepSummaryFile: stepSummary === undefined || stepSummary === '' ? undefined : stepSummary,
    build,
    verbosity: raw.quiet === true ? 'quiet' : raw.verbose === true ? 'verbose' : 'normal',
    color: colorWanted(
      raw.color,
      environment.env,
      terminalStream === 'stdout' ? environment.stdoutIsTTY : environment.stderrIsTTY,
    ),
    maxBufferedBytes: defaults.maxBufferedBytes,
    sandbox: resolveSandbox(raw, environment),
    serverEnv,
    server,
    timeLimits: resolveTimeLimits(suite, course?.config.timeLimits, given.timeLimit ?? [], where),
    oracle: list
      ? undefined
      : resolveOracle(raw.oracle, suite, selection, { cwd: environment.cwd, env: serverEnv }),
    serverAfterBuild: list || build === undefined ? undefined : serverSpec,
    replayCommand: replayCommandFor(
      resolveInvocation(environment.env, environment.cwd),
      list ? undefined : targetDisplay(target),
      raw,
      suiteArguments(suite, given, loadedSuite !== undefined),
      port,
    ),
  };
}
