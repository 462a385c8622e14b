import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { reportFormats } from '../../reports/formats.js';
import type { FormatContext, ReportFormat } from '../../reports/report-format.js';
import type { Selection } from '../runner/select-tests.js';
import type { Suite } from '../runner/suite.js';
import { resolveSuite, withCourseDefaults } from './apply-course-config.js';
import { suggestion } from './closest.js';
import { colorWanted } from './color-wanted.js';
import { ConfigError } from './config-error.js';
import type { LoadedCourseConfig } from './course-config.js';
import { checkTestPatterns, visibilityOf, withPoints } from './course-weights.js';
import { defaults } from './defaults.js';
import { loadCourseConfig } from './load-course-config.js';
import { readDuration, readInteger, readSeed } from './read-option.js';
import { resolveSelection } from './resolve-config.js';
import { resolvePlatform } from './resolve-platform.js';
import { resolveSandbox } from './resolve-sandbox.js';
import { fixedWorkers, workersByLoad, type WorkerPolicy } from '../grade/worker-policy.js';
import { Sandbox, type IsolateMode } from '../supervisor/sandbox/sandbox.js';
import type { Platform } from '../platform/platform.js';

/** `conform grade`'s options as given. */
export interface RawGradeOptions {
  readonly config?: string;
  readonly out?: string;
  readonly workers?: string;
  readonly submissionTimeout?: string;
  readonly seed?: string;
  readonly shard?: string;
  readonly force?: boolean;
  /** Overrides the config's `isolate`. */
  readonly isolate?: string;
  readonly reporter?: readonly string[];
  readonly quiet?: boolean;
  readonly color?: boolean;
}

export interface Shard {
  /** 1-based, as `--shard 2/3` says it. */
  readonly index: number;
  readonly count: number;
}

/** Everything `conform grade` decides once, before grading a submission. */
export interface ResolvedGradeConfig {
  readonly classDir: string;
  readonly outDir: string;
  readonly course: LoadedCourseConfig;
  /** The suite with the course's points: the columns of the class tables, and the tests of a submission not run. */
  readonly suite: Suite;
  /** The course's --only and --skip: tests not run for any submission. */
  readonly selection: Selection;
  readonly formatContext: FormatContext;
  /** Formats written for each submission beside its JSON report. */
  readonly formats: readonly ReportFormat[];
  readonly seed: number;
  /** How many submissions are graded at once: `--workers n`, or by the machine's load. */
  readonly workers: WorkerPolicy;
  /** Tests each submission runs at once: the config's `jobs`, or as many as cores (the workers follow the load). */
  readonly jobs: number;
  readonly submissionTimeoutMs: number;
  readonly shard: Shard | undefined;
  readonly force: boolean;
  /** The port the course gives every server, when it fixes one: then submissions are graded one at a time. */
  readonly fixedPort: number | undefined;
  /** What a submission's grade depends on besides its files: conform's version, the config, the seed. */
  readonly fingerprint: string;
  /** How the processes a submission's run left behind are found. */
  readonly platform: Platform;
  /**
   * Whether every server runs in a network of its own with its files confined (--isolate), so that
   * fixed ports never collide and no submission reaches another's files: each is graded with --isolate on.
   */
  readonly isolated: boolean;
  /** --isolate, or the config's `isolate`: what each submission's conform is given when not `isolated`. */
  readonly isolate: IsolateMode;
  /** Folders no server may see: the class, the grades, the course config's folder and the one grading runs in. */
  readonly hidden: readonly string[];
  /** Who each submission's work copy is given to: an unprivileged user, where conform is root and servers run confined. */
  readonly workOwner: { readonly uid: number; readonly gid: number } | undefined;
  readonly quiet: boolean;
  readonly color: boolean;
}

function readShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new ConfigError(`Expected \`--shard\` to be i/n with 1 <= i <= n, like 2/3, got \`${value}\``);
  }
  return { index, count };
}

function readFormats(names: readonly string[]): ReportFormat[] {
  const formats: ReportFormat[] = [];
  for (const spec of names) {
    // A config file's reporters name files for a single run; grade writes each into every submission's folder.
    const name = spec.split('=')[0] ?? spec;
    const format = reportFormats.get(name);
    if (format === undefined) {
      throw new ConfigError(`unknown reporter \`${name}\`: ${suggestion(name, [...reportFormats.keys()])}`);
    }
    if (format.name !== 'json' && !formats.includes(format)) formats.push(format);
  }
  return formats;
}

/** `--workers n` fixes the count; without it (or with `auto`) the machine's free CPU and memory decide. */
function readWorkers(value: string | undefined, serverMemoryMb: number, jobs: number): WorkerPolicy {
  const count =
    value?.trim() === 'auto'
      ? undefined
      : readInteger('--workers', value, {
          min: 1,
          max: 1_000_000,
          expected: 'a positive whole number, or auto',
        });
  return count === undefined
    ? workersByLoad(availableParallelism(), serverMemoryMb, jobs)
    : fixedWorkers(count);
}

/** A seed of the class's own when none is given: the same config grades the same way every time. */
function seedOf(configText: string): number {
  return createHash('sha256').update(configText).digest().readUInt32BE(0) & 0x7fffffff;
}

/** The user `nobody` (65534 where the system does not say otherwise), who owns nothing else worth having. */
function unprivilegedUser(): { readonly uid: number; readonly gid: number } {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('nobody:'));
    const [, , uid, gid] = line?.split(':') ?? [];
    if (uid !== undefined && gid !== undefined && /^\d+$/.test(uid) && /^\d+$/.test(gid)) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No passwd file: the usual numbers.
  }
  return { uid: 65534, gid: 65534 };
}

/**
 * Checks `conform grade`'s options and the course config once. Throws ConfigError for bad input, and
 * IsolationUnavailable for --isolate on where servers cannot be isolated.
 */
export function resolveGradeConfig(
  classDir: string,
  given: RawGradeOptions,
  environment: {
    readonly cwd: string;
    readonly version: string;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly stdoutIsTTY: boolean;
  },
  loadedSuite?: Suite,
): ResolvedGradeConfig {
  const folder = resolve(environment.cwd, classDir);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new ConfigError(`no such folder: ${classDir} (give the folder that holds the submissions)`);
  }
  if (!isFolder)
    throw new ConfigError(`${classDir} is not a folder: give the folder that holds the submissions`);
  const course = loadCourseConfig(given.config, environment.cwd);
  if (course === undefined) {
    throw new ConfigError(
      `conform grade needs a course config: write ${defaults.configFile} here (conform init config starts one), or give --config`,
    );
  }
  if (course.config.start === undefined) {
    throw new ConfigError(
      `\`start\` is missing in ${course.name}: conform grade needs the server's file name in each submission, or the command that starts it`,
    );
  }
  const raw = withCourseDefaults({ isolate: given.isolate }, course);
  const where = course.name;
  const baseSuite = resolveSuite(raw.suite ?? defaults.suite, loadedSuite);
  const suite = withPoints(baseSuite, course.config.points, where);
  for (const key of ['only', 'skip'] as const)
    checkTestPatterns(baseSuite, course.config[key] ?? [], key, where);
  const selection = resolveSelection(suite, raw, undefined);
  const configText = readFileSync(course.file, 'utf8');
  const seed = readSeed('--seed', given.seed) ?? course.config.seed ?? seedOf(configText);
  const shard = readShard(given.shard);
  const platform = resolvePlatform(environment.env, environment.cwd);
  const request = resolveSandbox(raw, environment);
  const sandbox = Sandbox.prepare(request, platform.inNetworkOf !== undefined);
  const outDir = resolve(environment.cwd, given.out ?? 'conform-grades');
  const jobs = course.config.jobs ?? availableParallelism();
  return {
    classDir: folder,
    outDir,
    course,
    suite,
    selection,
    formatContext: { visibility: visibilityOf(baseSuite, course.config.visibility, where) },
    formats: readFormats(given.reporter ?? course.config.reporters ?? []),
    seed,
    workers: readWorkers(given.workers, request.limits.memoryMb, jobs),
    jobs,
    submissionTimeoutMs:
      readDuration('--submission-timeout', given.submissionTimeout) ??
      course.config.submissionTimeout ??
      defaults.submissionTimeoutMs,
    shard,
    force: given.force === true,
    fixedPort: course.config.port,
    fingerprint: createHash('sha256').update(`${environment.version}\0${seed}\0${configText}`).digest('hex'),
    platform,
    isolated: sandbox.isolated && sandbox.confined,
    isolate: request.isolate,
    hidden: [
      ...new Set([folder, outDir, dirname(course.file), environment.cwd, environment.env.HOME ?? homedir()]),
    ],
    workOwner: sandbox.confined && process.getuid?.() === 0 ? unprivilegedUser() : undefined,
    quiet: given.quiet === true,
    color: colorWanted(given.color, environment.env, environment.stdoutIsTTY),
  };
}
