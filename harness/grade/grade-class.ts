import { createHash } from 'node:crypto';
import { basename, join, relative } from 'node:path';
import type { ResolvedGradeConfig } from '../config/resolve-grade-config.js';
import { classReport, gradeOf, type ClassReport, type SubmissionGrade } from '../results/class-report.js';
import type { RunReport } from '../results/run-report.js';
import { ConfigError } from '../config/config-error.js';
import { notRunReport } from '../runner/not-run-report.js';
import { plainFailure } from '../runner/failure-report.js';
import { ZipError } from './extract-zip.js';
import { ForeignLinkError } from './foreign-link.js';
import { finalReport } from './final-report.js';
import { findSubmissions, type Submission } from './find-submissions.js';
import { forEachByLoad } from './for-each-by-load.js';
import { machineLoad } from './machine-load.js';
import { inShard } from './in-shard.js';
import { longestFirst } from './longest-first.js';
import { prepareWorkspace, submissionFingerprint } from './prepare-workspace.js';
import { runSubmission, type SubmissionRunOutcome } from './run-submission.js';
import {
  clearResults,
  previousDurationMs,
  readCached,
  reportFile,
  resultsFolder,
  writeFormats,
  writeResults,
} from './submission-results.js';

export interface GradeProgress {
  /** The submissions of this run are known: how many, and how many are already graded. */
  onPlanned?(total: number, cached: number): void;
  onGraded?(grade: SubmissionGrade, fromCache: boolean): void;
}

export interface GradeIo {
  /** The command that runs conform for one submission. */
  readonly conform: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly conformVersion: string;
}

interface Attempt {
  readonly submission: Submission;
  readonly folder: string;
  readonly fingerprint: string;
  /** How long its last grading took, where it was graded before. */
  readonly previousMs: number | undefined;
}

/**
 * Grades every submission of a class, each by its own conform process, as many at a time as the
 * workers' policy and the machine's free CPU and memory allow (worker-policy.ts).
 *
 * A server that ignores the port it is given and binds one of its own (the course's 2000) must be
 * graded as if it ran alone. So every submission is first run with --given-port-only: one on a
 * port of its own is graded there and then; one on a fixed port stops before any test and is
 * graded afterwards, when nothing else is running, one at a time per port. A server that could
 * not start in that first pass may have lost a fixed port to another submission's: it is tried
 * again on its own before those. Where servers are isolated (a network each), none of this is
 * needed: every submission is graded at once.
 */
export async function gradeClass(
  config: ResolvedGradeConfig,
  io: GradeIo,
  progress: GradeProgress = {},
): Promise<ClassReport> {
  const all = findSubmissions(config.classDir, config.outDir);
  if (all.length === 0) {
    throw new ConfigError(
      `${config.classDir} holds no submissions: give the folder whose subfolders (or .zip files) are the submissions`,
    );
  }
  const shard = config.shard;
  const submissions = shard === undefined ? all : all.filter((entry) => inShard(entry.id, shard));
  const grades = new Map<string, SubmissionGrade>();
  const attempts: Attempt[] = [];
  for (const submission of submissions) {
    const folder = resultsFolder(config.outDir, submission.id);
    const fingerprint = createHash('sha256')
      .update(`${config.fingerprint}\0${await submissionFingerprint(submission)}`)
      .digest('hex');
    const cached = config.force ? undefined : await readCached(folder, fingerprint);
    if (cached !== undefined) {
      // The formats asked for now, which an earlier grading may not have written.
      await writeFormats(folder, cached, config.formats, config.formatContext);
      grades.set(submission.id, gradeOf(submission.id, cached, relativeReport(config, folder)));
    } else attempts.push({ submission, folder, fingerprint, previousMs: await previousDurationMs(folder) });
  }
  // Graded again (a new config, --force): what took longest last time begins first.
  const ordered = longestFirst(attempts, (attempt) => attempt.previousMs);
  progress.onPlanned?.(submissions.length, grades.size);
  for (const grade of grades.values()) progress.onGraded?.(grade, true);

  const record = async (attempt: Attempt, outcome: SubmissionRunOutcome): Promise<void> => {
    const report = finalReport(outcome, {
      suite: config.suite,
      selection: config.selection,
      seed: config.seed,
      budgetMs: config.submissionTimeoutMs,
    });
    const grade = gradeOf(attempt.submission.id, report, relativeReport(config, attempt.folder));
    await writeResults(attempt.folder, {
      report,
      output: outcome.output,
      // Only a grade is kept: what Ctrl-C stopped, or conform could not grade, is graded again next time.
      fingerprint: outcome.interrupted || !grade.graded ? undefined : attempt.fingerprint,
      formats: config.formats,
      context: config.formatContext,
    });
    grades.set(attempt.submission.id, grade);
    progress.onGraded?.(grade, false);
  };
  const run = (attempt: Attempt, givenPortOnly: boolean): Promise<SubmissionRunOutcome> =>
    runAttempt(attempt, givenPortOnly, config, io);

  const sampleLoad = machineLoad();
  const byPort = new Map<number, Attempt[]>();
  const unstarted: { attempt: Attempt; outcome: SubmissionRunOutcome }[] = [];
  const sortOut = async (attempt: Attempt, outcome: SubmissionRunOutcome): Promise<void> => {
    const port = fixedPortOf(outcome.report);
    if (io.signal.aborted) {
      // Stopped before it could be graded for good: shown as not run, and not kept.
      await record(attempt, {
        ...outcome,
        report: port === undefined ? outcome.report : undefined,
        interrupted: true,
      });
    } else if (port !== undefined) byPort.set(port, [...(byPort.get(port) ?? []), attempt]);
    else await record(attempt, outcome);
  };
  if (config.isolated) {
    // Each server has a network of its own: a fixed port is its alone, and every submission is graded at once.
    await forEachByLoad(ordered, config.workers, sampleLoad, async (attempt) => {
      await sortOut(attempt, await run(attempt, false));
    });
  } else if (config.fixedPort !== undefined) {
    // The course gives every server the same port: one submission at a time.
    byPort.set(config.fixedPort, ordered);
  } else {
    await forEachByLoad(ordered, config.workers, sampleLoad, async (attempt) => {
      const outcome = await run(attempt, true);
      if (neverStarted(outcome.report)) unstarted.push({ attempt, outcome });
      else await sortOut(attempt, outcome);
    });
    // Without a fixed port in the class, no other submission could have taken its port.
    const retry = byPort.size > 0;
    for (const { attempt, outcome } of unstarted) {
      await sortOut(attempt, retry && !io.signal.aborted ? await run(attempt, true) : outcome);
    }
  }
  await forEachByLoad([...byPort.values()], config.workers, sampleLoad, async (lane) => {
    for (const attempt of lane) await record(attempt, await run(attempt, false));
  });
  const report = classReport({
    conformVersion: io.conformVersion,
    suite: config.suite.name,
    seed: config.seed,
    testIds: config.suite.tests.map((test) => test.id),
    shard: config.shard === undefined ? null : `${config.shard.index}/${config.shard.count}`,
    submissions: [...grades.values()],
  });
  return io.signal.aborted ? { ...report, interrupted: true } : report;
}

async function runAttempt(
  attempt: Attempt,
  givenPortOnly: boolean,
  config: ResolvedGradeConfig,
  io: GradeIo,
): Promise<SubmissionRunOutcome> {
  await clearResults(attempt.folder);
  if (io.signal.aborted) {
    return {
      report: undefined,
      budgetExceeded: false,
      interrupted: true,
      exitCode: undefined,
      output: '',
      durationMs: 0,
    };
  }
  let workDir: string;
  try {
    workDir = await prepareWorkspace(attempt.submission, join(attempt.folder, 'work'), {
      forbidden: config.hidden,
      owner: config.workOwner,
    });
  } catch (error) {
    if (!(error instanceof ZipError) && !(error instanceof ForeignLinkError)) throw error;
    const report = notRunReport({
      suite: config.suite,
      suiteName: config.suite.name,
      seed: config.seed,
      target: '',
      selection: config.selection,
      failure: plainFailure(
        'build',
        error instanceof ZipError
          ? `not run: ${basename(attempt.submission.source)} cannot be unpacked safely: ${error.message}`
          : `not run: ${error.message}`,
      ),
    });
    return {
      report,
      budgetExceeded: false,
      interrupted: false,
      exitCode: undefined,
      output: '',
      durationMs: 0,
    };
  }
  return runSubmission({
    conform: io.conform,
    workDir,
    configFile: config.course.file,
    seed: config.seed,
    givenPortOnly,
    jobs: config.jobs,
    budgetMs: config.submissionTimeoutMs,
    env: io.env,
    signal: io.signal,
    platform: config.platform,
    isolated: config.isolated,
    isolate: config.isolate === 'off' ? 'off' : 'auto',
    hidden: config.hidden,
  });
}

/** The port a server chose for itself, when the run stopped because it did (--given-port-only). */
function fixedPortOf(report: RunReport | undefined): number | undefined {
  const fixed = report?.tests.some((test) => test.failure?.kind === 'fixed-port') === true;
  return fixed ? (report?.target.port ?? undefined) : undefined;
}

function neverStarted(report: RunReport | undefined): boolean {
  return (
    report !== undefined &&
    report.target.port === null &&
    report.tests.some((test) => test.failure?.kind === 'startup')
  );
}

function relativeReport(config: ResolvedGradeConfig, folder: string): string {
  return relative(config.outDir, reportFile(folder));
}
