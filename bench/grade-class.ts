import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ClassReport, SubmissionGrade } from '../harness/results/class-report.js';
import { childrenCpuSeconds, type CpuSeconds } from './children-cpu.js';
import { writeFixtureClass, type FixtureSubmission } from './fixture-class.js';
import { repoRoot } from './paths.js';
import { pythonForBench } from './python.js';
import type { BenchRow } from './table.js';

const targetMs = 5 * 60_000;
/** Far past the target: a run this long is broken, not slow. */
const deadlineMs = 60 * 60_000;

export interface ClassGrading {
  readonly report: ClassReport;
  readonly wallMs: number;
  /** conform and everything it started: per-submission conform processes, builds, servers. */
  readonly cpu: CpuSeconds;
}

/** The course config: the full echo suite with default timeouts; each submission says how it builds and runs. */
export function writeCourseConfig(course: string): void {
  const config = { suite: 'echo', build: ['sh', 'build.sh'], start: ['sh', 'run.sh', '{port}'] };
  writeFileSync(join(course, 'conform.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** `conform grade` as a user runs it from the course folder, timed, with the CPU of its whole process tree. */
export async function timeClassGrading(
  course: string,
  classDir: string,
  options: readonly string[],
): Promise<ClassGrading> {
  const out = join(course, 'grades');
  const args = ['grade', classDir, '--out', out, '--force', '-q', ...options];
  const before = childrenCpuSeconds();
  const started = performance.now();
  const result = await execa(process.execPath, [join(repoRoot, 'bin/conform.js'), ...args], {
    cwd: course,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: deadlineMs,
  });
  const wallMs = performance.now() - started;
  const after = childrenCpuSeconds();
  if (result.exitCode !== 0) {
    const why = result.timedOut ? `ran past ${deadlineMs / 60_000} min` : `exited ${result.exitCode}`;
    throw new Error(`conform grade ${why} (is port 2000 free?):\n${result.all}`);
  }
  const report = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as ClassReport;
  return { report, wallMs, cpu: { user: after.user - before.user, system: after.system - before.system } };
}

function statuses(report: ClassReport, grade: SubmissionGrade): string {
  return report.testIds
    .map((test) => `${test}=${grade.tests[test]?.status ?? 'missing'}:${grade.tests[test]?.score ?? '-'}`)
    .join(' ');
}

/** Throws unless every submission was graded as its fixture deserves: a bench must not time a broken run. */
export function checkGrading(report: ClassReport, expected: readonly FixtureSubmission[]): void {
  const grades = new Map(report.submissions.map((grade) => [grade.id, grade]));
  const problems: string[] = [];
  const seeds: string[] = [];
  for (const { id, kind } of expected) {
    const grade = grades.get(id);
    if (grade === undefined) problems.push(`${id}: missing from summary.json`);
    else if (!grade.graded) problems.push(`${id}: not graded (${grade.errorKind ?? 'no error kind'})`);
    else if ((kind === 'correct' || kind === 'slow') && grade.status !== 'passed')
      problems.push(`${id}: a correct server, ${grade.status}: ${statuses(report, grade)}`);
    else if (kind === 'buggy' && grade.status === 'passed') problems.push(`${id}: a buggy server, passed`);
    else if (kind === 'seed' && grade.errorKind === 'fixed-port')
      problems.push(`${id}: on the fixed port, never graded alone`);
    else if (kind === 'seed') seeds.push(statuses(report, grade));
  }
  if (new Set(seeds).size > 1) problems.push(`the seed server's copies differ:\n  ${seeds.join('\n  ')}`);
  if (report.submissions.length !== expected.length) {
    problems.push(`${report.submissions.length} submissions graded, not ${expected.length}`);
  }
  if (problems.length > 0) {
    throw new Error(`conform grade graded the fixture class wrongly:\n${problems.join('\n')}`);
  }
}

/** The submissions whose grade (status, and each test's status and points) differs between two gradings. */
function differences(a: ClassReport, b: ClassReport): string[] {
  const other = new Map(b.submissions.map((grade) => [grade.id, grade]));
  return a.submissions.flatMap((grade) => {
    const twin = other.get(grade.id);
    const mine = `${grade.status} ${statuses(a, grade)}`;
    const theirs = twin === undefined ? 'missing' : `${twin.status} ${statuses(b, twin)}`;
    return mine === theirs ? [] : [`${grade.id}: ${mine}\n  against ${theirs}`];
  });
}

function minutesSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function gradingRows(label: string, grading: ClassGrading, size: number, target: boolean): BenchRow[] {
  const { report, wallMs, cpu } = grading;
  const total = cpu.user + cpu.system;
  const slowest = [...report.submissions].sort((x, y) => y.durationMs - x.durationMs).slice(0, 3);
  const row = (measure: string, result: string): BenchRow => ({
    measure,
    result,
    target: '',
    met: undefined,
  });
  return [
    {
      measure: `grade ${size} submissions, echo suite, ${label}`,
      result: minutesSeconds(wallMs),
      target: target ? `<= ${targetMs / 60_000} min` : '',
      met: target ? wallMs <= targetMs : undefined,
    },
    row(`  submissions per minute`, (size / (wallMs / 60_000)).toFixed(1)),
    row(
      `  CPU seconds per submission, conform and servers (user + system)`,
      `${(total / size).toFixed(2)} s (${(cpu.user / size).toFixed(2)} + ${(cpu.system / size).toFixed(2)})`,
    ),
    row(
      `  how busy the ${availableParallelism()} cores were (CPU seconds / wall seconds / cores)`,
      `${((100 * total) / (wallMs / 1000) / availableParallelism()).toFixed(0)}%`,
    ),
    row(
      `  slowest submissions`,
      slowest.map((grade) => `${grade.id} ${(grade.durationMs / 1000).toFixed(1)} s`).join(', '),
    ),
  ];
}

/**
 * How the class is graded beside its first grading with defaults: `compare` grades it again with
 * --workers 1 (the grades must be identical), `regrade` grades it again with --force, as after a new
 * config (the submissions that took longest begin first).
 */
export type ClassMode = 'once' | 'compare' | 'regrade';

/**
 * The class of 100 the course's issue measured (fixture-class.ts), graded with the full echo suite
 * by `conform grade` with its defaults: how long a grader waits, what it costs per submission and how
 * busy the cores were; then again as `mode` says, side by side. `extra` options are given to the
 * first grading (`--workers 2` measures a fixed count).
 */
export async function gradeClassRows(
  mode: ClassMode = 'once',
  extra: readonly string[] = [],
): Promise<BenchRow[]> {
  const course = mkdtempSync(join(tmpdir(), 'conform-bench-class-'));
  try {
    const classDir = join(course, 'class');
    const expected = writeFixtureClass(classDir, pythonForBench());
    writeCourseConfig(course);
    const label = extra.length === 0 ? 'defaults' : extra.join(' ');
    const first = await timeClassGrading(course, classDir, extra);
    checkGrading(first.report, expected);
    const rows = gradingRows(label, first, expected.length, true);
    const again = async (againLabel: string, options: readonly string[]): Promise<ClassGrading> => {
      const grading = await timeClassGrading(course, classDir, options);
      checkGrading(grading.report, expected);
      rows.push(...gradingRows(againLabel, grading, expected.length, false));
      return grading;
    };
    if (mode === 'regrade') await again(`${label}, graded again, longest last time first`, extra);
    if (mode === 'compare') {
      const alone = await again('--workers 1', ['--workers', '1']);
      const differing = differences(first.report, alone.report);
      rows.push({
        measure: `grades with ${label} identical to --workers 1`,
        result: differing.length === 0 ? 'yes' : `${differing.length} differ: ${differing.join('; ')}`,
        target: 'identical',
        met: differing.length === 0,
      });
    }
    return rows;
  } finally {
    rmSync(course, { recursive: true, force: true });
  }
}
