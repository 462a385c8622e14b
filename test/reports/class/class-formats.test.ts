import { describe, expect, it } from 'vitest';
import {
  classReport,
  gradeOf,
  type ClassReport,
  type SubmissionGrade,
} from '../../../harness/results/class-report.js';
import type { FailureReportKind, TestResult, TestStatus } from '../../../harness/results/test-result.js';
import { classMatrix } from '../../../reports/class/class-matrix.js';
import { gradesCsv } from '../../../reports/class/grades-csv.js';
import { palette } from '../../../reports/terminal/palette.js';
import { emptyFailure, failingTest, reportOf } from '../../support/sample-report.js';

const testIds = ['echo.accept', 'echo.binary', 'echo.large', 'echo.close'];

/** A test worth `points` with this status; passed earns them all, anything else none. */
function test(id: string, status: TestStatus, points = 1): TestResult {
  return {
    id,
    title: id,
    requirement: 'The server MUST work.',
    status,
    durationMs: 1,
    score: status === 'passed' ? points : 0,
    maxScore: points,
  };
}

/** Every test of the suite an error with this kind, as when a run could not judge any of them. */
function allErrors(kind: FailureReportKind): TestResult[] {
  return testIds.map((id) => ({ ...test(id, 'error'), failure: { ...emptyFailure, kind } }));
}

const quoted = 'smith, "jj"';

const grades: SubmissionGrade[] = [
  gradeOf(
    'carol',
    reportOf([
      test('echo.accept', 'passed'),
      test('echo.binary', 'passed', 2),
      test('echo.large', 'skipped'),
      test('echo.close', 'passed'),
    ]),
    'carol/report.json',
  ),
  gradeOf(
    'alice',
    reportOf([test('echo.accept', 'passed'), failingTest('echo.binary'), test('echo.large', 'skipped')]),
    'alice/report.json',
  ),
  gradeOf('bob', reportOf(allErrors('build')), 'bob/report.json'),
  gradeOf(quoted, reportOf(allErrors('internal')), 'smith/report.json'),
  gradeOf('erin', reportOf(allErrors('foreign-port')), 'erin/report.json'),
];

function sampleClass(): ClassReport {
  return classReport({
    conformVersion: '0.1.0',
    suite: 'echo',
    seed: 7,
    testIds,
    shard: null,
    submissions: grades,
  });
}

function gradeNamed(id: string): SubmissionGrade {
  const grade = grades.find((candidate) => candidate.id === id);
  if (grade === undefined) throw new Error(`no grade for ${id}`);
  return grade;
}

/** RFC 4180: fields split by commas, records by newlines; a quoted field may hold both, and "" is a quote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[at + 1] === '"') {
        field += '"';
        at += 1;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
    } else field += char;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('gradeOf', () => {
  it('is passed, with every test passed or skipped, scoring what was not skipped', () => {
    expect(gradeNamed('carol')).toEqual({
      id: 'carol',
      status: 'passed',
      score: 4,
      maxScore: 4,
      errorKind: null,
      graded: true,
      durationMs: 2100,
      report: 'carol/report.json',
      tests: {
        'echo.accept': { status: 'passed', score: 1, maxScore: 1 },
        'echo.binary': { status: 'passed', score: 2, maxScore: 2 },
        'echo.large': { status: 'skipped', score: 0, maxScore: 1 },
        'echo.close': { status: 'passed', score: 1, maxScore: 1 },
      },
      problems: [],
    });
  });

  it('is failed when a test failed, with no error kind (a failure is a result, not an error)', () => {
    const grade = gradeNamed('alice');
    expect(grade.status).toBe('failed');
    expect(grade.errorKind).toBeNull();
    expect(grade.graded).toBe(true);
    expect([grade.score, grade.maxScore]).toEqual([1, 2]);
  });

  it('is error, with the kind, when a test could not be judged; a build error is still graded', () => {
    const grade = gradeNamed('bob');
    expect(grade.status).toBe('error');
    expect(grade.errorKind).toBe('build');
    expect(grade.graded).toBe(true);
    expect([grade.score, grade.maxScore]).toEqual([0, 4]);
  });

  it('is error over failed when a run has both', () => {
    const grade = gradeOf(
      'x',
      reportOf([failingTest('echo.accept'), { ...test('echo.binary', 'error'), failure: emptyFailure }]),
      'x/report.json',
    );
    expect(grade.status).toBe('error');
    expect(grade.errorKind).toBe(emptyFailure.kind);
  });

  it.each(['internal', 'foreign-port'] as const)(
    'is not graded when conform could not judge it (%s)',
    (kind) => {
      const grade = gradeOf('x', reportOf(allErrors(kind)), 'x/report.json');
      expect(grade.status).toBe('error');
      expect(grade.errorKind).toBe(kind);
      expect(grade.graded).toBe(false);
    },
  );
});

describe('classReport', () => {
  it('sorts the submissions by id and counts them by status', () => {
    const report = sampleClass();
    expect(report.submissions.map((grade) => grade.id)).toEqual(['alice', 'bob', 'carol', 'erin', quoted]);
    expect(report.summary).toEqual({ submissions: 5, passed: 1, failed: 1, errors: 1, notGraded: 2 });
    expect(report).toMatchObject({ schemaVersion: 1, suite: 'echo', seed: 7, shard: null, testIds });
  });

  it('does not reorder the list it was given', () => {
    sampleClass();
    expect(grades.map((grade) => grade.id)).toEqual(['carol', 'alice', 'bob', quoted, 'erin']);
  });
});

describe('gradesCsv', () => {
  const csv = gradesCsv(sampleClass());
  const [header, ...rows] = parseCsv(csv);
  const rowOf = (id: string): string[] | undefined => rows.find((row) => row[0] === id);

  it('has a header of submission, the test ids, then score, max, status and error kind', () => {
    expect(header).toEqual(['submission', ...testIds, 'score', 'max_score', 'status', 'error_kind']);
  });

  it('has one row per submission, in id order, each as wide as the header', () => {
    expect(rows.map((row) => row[0])).toEqual(['alice', 'bob', 'carol', 'erin', quoted]);
    for (const row of rows) expect(row).toHaveLength(header?.length ?? -1);
  });

  it('gives the points of each test, leaving skipped and not-run tests empty', () => {
    expect(rowOf('carol')).toEqual(['carol', '1', '2', '', '1', '4', '4', 'passed', '']);
    expect(rowOf('alice')).toEqual(['alice', '1', '0', '', '', '1', '2', 'failed', '']);
  });

  it('leaves the tests of a build that failed empty, not 0: the score is 0, and the status says why', () => {
    expect(rowOf('bob')).toEqual(['bob', '', '', '', '', '0', '4', 'error', 'build']);
  });

  it('leaves the score empty too when conform could not grade the submission', () => {
    expect(rowOf('erin')).toEqual(['erin', '', '', '', '', '', '4', 'error', 'foreign-port']);
  });

  it('keeps the points of the tests judged before a budget ran out', () => {
    const cut = gradeOf(
      'dave',
      reportOf([
        test('echo.accept', 'passed'),
        ...allErrors('budget').filter((result) => result.id !== 'echo.accept'),
      ]),
      'dave/report.json',
    );
    const csv = gradesCsv({ ...sampleClass(), submissions: [cut] });
    expect(parseCsv(csv)[1]).toEqual(['dave', '1', '', '', '', '1', '4', 'error', 'budget']);
  });

  it('round-trips an id holding a comma and a quote', () => {
    expect(rowOf(quoted)).toEqual([quoted, '', '', '', '', '', '4', 'error', 'internal']);
    expect(csv).toContain('"smith, ""jj"""');
  });

  it('ends records with a bare newline', () => {
    expect(csv).not.toContain('\r');
    expect(csv.endsWith('\n')).toBe(true);
  });
});

describe('classMatrix', () => {
  const lines = classMatrix(sampleClass(), palette(false));
  const width = quoted.length + 2;
  const row = /^((?: {2}[✓✗!-])*) +(\d+)\/(\d+) {2}(.+)$/;

  /** The marks, score and status word of a submission's row. */
  function rowOf(id: string): { marks: string[]; score: string; status: string } {
    const line = lines.find((candidate) => candidate.startsWith(`${id} `));
    const match = row.exec(line?.slice(width) ?? '');
    if (line === undefined || match === null) throw new Error(`no row for ${id} in\n${lines.join('\n')}`);
    return {
      marks: (match[1] ?? '').trim().split(/ +/),
      score: `${match[2]}/${match[3]}`,
      status: match[4] ?? '',
    };
  }

  it('writes no colour codes when colours are off', () => {
    expect(lines.join('\n')).not.toContain('\x1b[');
  });

  it('numbers the columns in the header', () => {
    expect(lines[0]?.trim()).toBe('1  2  3  4   score');
  });

  it('has a row per submission, in id order', () => {
    const ids = ['alice', 'bob', 'carol', 'erin', quoted];
    expect(lines.slice(1, 1 + ids.length).map((line) => line.slice(0, width).trimEnd())).toEqual(ids);
  });

  it('marks each test in suite order: ✓ passed, ✗ failed, ! error, - skipped or not run', () => {
    expect(rowOf('carol').marks).toEqual(['✓', '✓', '-', '✓']);
    expect(rowOf('alice').marks).toEqual(['✓', '✗', '-', '-']);
    expect(rowOf('bob').marks).toEqual(['!', '!', '!', '!']);
  });

  it('gives the score as score/max and a status word', () => {
    expect(rowOf('carol')).toMatchObject({ score: '4/4', status: 'passed' });
    expect(rowOf('alice')).toMatchObject({ score: '1/2', status: 'failed' });
    expect(rowOf('bob')).toMatchObject({ score: '0/4', status: 'error (build)' });
    expect(rowOf('erin')).toMatchObject({ score: '0/4', status: 'not graded (foreign-port)' });
    expect(rowOf(quoted)).toMatchObject({ score: '0/4', status: 'not graded (internal)' });
  });

  it('ends with a numbered legend of the test ids and the counts', () => {
    const legend = lines.slice(7, 7 + testIds.length);
    expect(lines[6]).toBe('');
    expect(legend).toEqual(testIds.map((id, index) => `  ${index + 1}  ${id}`));
    expect(lines.at(-1)).toBe('5 submissions: 1 passed, 1 failed, 1 with errors, 2 not graded · seed 7');
  });

  it('counts a class of one in the singular', () => {
    const one = classMatrix(
      classReport({
        conformVersion: '0.1.0',
        suite: 'echo',
        seed: 7,
        testIds,
        shard: null,
        submissions: [gradeNamed('carol')],
      }),
      palette(false),
    );
    expect(one.at(-1)).toMatch(/^1 submission: /);
  });
});
