import { classProblems, type ClassProblem } from './class-problems.js';
import type { FailureReportKind, TestStatus } from './test-result.js';
import type { RunReport } from './run-report.js';

/** One test of one submission, as the class tables show it. */
export interface ClassCell {
  readonly status: TestStatus;
  readonly score: number;
  readonly maxScore: number;
}

export type SubmissionStatus = 'passed' | 'failed' | 'error';

/** One submission's grade: its run report boiled down to what a class table needs. */
export interface SubmissionGrade {
  readonly id: string;
  /** passed: every selected test passed; failed: some failed; error: some could not be judged. */
  readonly status: SubmissionStatus;
  readonly score: number;
  readonly maxScore: number;
  /** Why its tests could not be judged, when they could not: build, budget, startup, ... */
  readonly errorKind: FailureReportKind | null;
  /** False when conform itself could not grade it (conform crashed, a port held by another program). */
  readonly graded: boolean;
  readonly durationMs: number;
  /** The submission's JSON report, relative to the class output folder. */
  readonly report: string;
  readonly tests: Readonly<Record<string, ClassCell>>;
  /** The causes of the problems its run found (its report's diagnoses); absent in older summaries. */
  readonly problems?: readonly string[];
}

/** A class's grades, as summary.json holds them (schema version 1). */
export interface ClassReport {
  readonly schemaVersion: 1;
  readonly conformVersion: string;
  readonly suite: string;
  readonly seed: number;
  /** The test ids of the suite, in suite order: the columns of the class tables. */
  readonly testIds: readonly string[];
  /** `i/n` when this is one shard of a class, null for a whole class (or a merge of its shards). */
  readonly shard: string | null;
  readonly summary: {
    readonly submissions: number;
    readonly passed: number;
    readonly failed: number;
    /** Graded, with tests that could not be judged (a build that failed, a budget run out). */
    readonly errors: number;
    /** Not graded: conform could not grade them. Counted apart from the rest, never twice. */
    readonly notGraded: number;
  };
  /** The problems the runs found, the most common first: which mistakes how many submissions made. */
  readonly problems: readonly ClassProblem[];
  readonly submissions: readonly SubmissionGrade[];
  /** Present when the grading was interrupted (Ctrl-C, SIGTERM): not every submission was graded. */
  readonly interrupted?: true;
}

const notJudged: ReadonlySet<FailureReportKind> = new Set([
  'internal',
  'suite',
  'foreign-port',
  'interrupted',
]);

/** A submission's grade from its run report. */
export function gradeOf(id: string, report: RunReport, reportPath: string): SubmissionGrade {
  const tests: Record<string, ClassCell> = {};
  for (const test of report.tests) {
    tests[test.id] = { status: test.status, score: test.score, maxScore: test.maxScore };
  }
  const errored = report.tests.find((test) => test.status === 'error');
  const errorKind = errored?.failure?.kind ?? null;
  return {
    id,
    status: errored !== undefined ? 'error' : report.summary.failed > 0 ? 'failed' : 'passed',
    score: report.summary.score,
    maxScore: report.summary.maxScore,
    errorKind,
    graded: !report.tests.some((test) => test.failure !== undefined && notJudged.has(test.failure.kind)),
    durationMs: report.durationMs,
    report: reportPath,
    tests,
    problems: (report.diagnoses ?? []).map((diagnosis) => diagnosis.cause),
  };
}

/** The class report over its submissions' grades, sorted by id so that shards merge to the same file. */
export function classReport(about: {
  readonly conformVersion: string;
  readonly suite: string;
  readonly seed: number;
  readonly testIds: readonly string[];
  readonly shard: string | null;
  readonly submissions: readonly SubmissionGrade[];
}): ClassReport {
  const submissions = [...about.submissions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = (status: SubmissionStatus): number =>
    submissions.filter((grade) => grade.graded && grade.status === status).length;
  return {
    schemaVersion: 1,
    conformVersion: about.conformVersion,
    suite: about.suite,
    seed: about.seed,
    testIds: about.testIds,
    shard: about.shard,
    summary: {
      submissions: submissions.length,
      passed: count('passed'),
      failed: count('failed'),
      errors: count('error'),
      notGraded: submissions.filter((grade) => !grade.graded).length,
    },
    problems: classProblems(submissions),
    submissions,
  };
}
