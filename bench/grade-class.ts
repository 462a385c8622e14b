import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ClassReport, SubmissionGrade } from '../harness/results/class-report.js';
import { childrenCpuSeconds } from './children-cpu.js';
import { writeFixtureClass, type FixtureSubmission } from './fixture-class.js';
import { repoRoot } from './paths.js';
import { pythonForBench } from './python.js';
import type { BenchRow } from './table.js';

const classSize = 100;
const workers = 2;
const targetMs = 5 * 60_000;
/** Far past the target: a run this long is broken, not slow. */
const deadlineMs = 30 * 60_000;

export interface ClassGrading {
  readonly report: ClassReport;
  readonly wallMs: number;
  /** conform and everything it started: per-submission conform processes, builds, servers. */
  readonly cpuSeconds: number;
}

/** The course config: the full echo suite with default timeouts; each submission says how it builds and runs. */
export function writeCourseConfig(course: string): void {
  const config = { suite: 'echo', build: ['sh', 'build.sh'], start: ['sh', 'run.sh', '{port}'] };
  writeFileSync(join(course, 'conform.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** `conform grade` as a user runs it from the course folder, timed, with the CPU of its whole process tree. */
export async function timeClassGrading(course: string, classDir: string): Promise<ClassGrading> {
  const out = join(course, 'grades');
  const args = ['grade', classDir, '--out', out, '--workers', String(workers), '-q'];
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const result = await execa(process.execPath, [join(repoRoot, 'bin/conform.js'), ...args], {
    cwd: course,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: deadlineMs,
  });
  const wallMs = performance.now() - started;
  const cpuSeconds = childrenCpuSeconds() - cpuBefore;
  if (result.exitCode !== 0) {
    const why = result.timedOut ? `ran past ${deadlineMs / 60_000} min` : `exited ${result.exitCode}`;
    throw new Error(`conform grade ${why} (is port 2000 free?):\n${result.all}`);
  }
  const report = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as ClassReport;
  return { report, wallMs, cpuSeconds };
}

/** Throws unless every submission was graded as its fixture deserves: a bench must not time a broken run. */
export function checkGrading(report: ClassReport, expected: readonly FixtureSubmission[]): void {
  const grades = new Map(report.submissions.map((grade) => [grade.id, grade]));
  const statuses = (grade: SubmissionGrade): string =>
    report.testIds.map((test) => `${test}=${grade.tests[test]?.status ?? 'missing'}`).join(' ');
  const problems: string[] = [];
  const seeds: string[] = [];
  for (const { id, kind } of expected) {
    const grade = grades.get(id);
    if (grade === undefined) problems.push(`${id}: missing from summary.json`);
    else if (!grade.graded) problems.push(`${id}: not graded (${grade.errorKind ?? 'no error kind'})`);
    else if (kind === 'correct' && grade.status !== 'passed')
      problems.push(`${id}: a correct server, ${grade.status}: ${statuses(grade)}`);
    else if (kind === 'buggy' && grade.status === 'passed') problems.push(`${id}: a buggy server, passed`);
    else if (kind === 'seed' && grade.errorKind === 'fixed-port')
      problems.push(`${id}: on the fixed port, never graded alone`);
    else if (kind === 'seed') seeds.push(statuses(grade));
  }
  if (new Set(seeds).size > 1) problems.push(`the seed server's copies differ:\n  ${seeds.join('\n  ')}`);
  if (report.submissions.length !== expected.length) {
    problems.push(`${report.submissions.length} submissions graded, not ${expected.length}`);
  }
  if (problems.length > 0) {
    throw new Error(`conform grade graded the fixture class wrongly:\n${problems.join('\n')}`);
  }
}

function minutesSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A class as the course's issue describes it (correct and buggy Python and C servers, two on the
 * fixed port 2000), graded with the full echo suite by 2 workers: how long a grader waits, and what
 * it costs per submission.
 */
export async function gradeClassRows(): Promise<BenchRow[]> {
  const course = mkdtempSync(join(tmpdir(), 'conform-bench-class-'));
  try {
    const classDir = join(course, 'class');
    const expected = writeFixtureClass(classDir, pythonForBench(), classSize);
    writeCourseConfig(course);
    const { report, wallMs, cpuSeconds } = await timeClassGrading(course, classDir);
    checkGrading(report, expected);
    const slowest = report.submissions.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    return [
      {
        measure: `grade ${classSize} submissions, echo suite, ${workers} workers`,
        result: minutesSeconds(wallMs),
        target: `<= ${targetMs / 60_000} min`,
        met: wallMs <= targetMs,
      },
      {
        measure: 'submissions per minute',
        result: (classSize / (wallMs / 60_000)).toFixed(1),
        target: '',
        met: undefined,
      },
      {
        measure: 'CPU seconds per submission (conform + servers)',
        result: `${(cpuSeconds / classSize).toFixed(2)} s`,
        target: '',
        met: undefined,
      },
      {
        measure: 'slowest submission',
        result: `${slowest.id} (${(slowest.durationMs / 1000).toFixed(1)} s)`,
        target: '',
        met: undefined,
      },
    ];
  } finally {
    rmSync(course, { recursive: true, force: true });
  }
}
