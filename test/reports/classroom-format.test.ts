import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { classroomFormat } from '../../reports/classroom/classroom-format.js';
import type { FormatContext } from '../../reports/report-format.js';
import {
  emptyFailure,
  reportOf,
  sampleFailure,
  sampleReport,
  startupErrorReport,
  startupFailure,
} from '../support/sample-report.js';

interface ClassroomResult {
  version: number;
  status: string;
  max_score: number;
  tests: {
    name: string;
    status: string;
    score: number;
    max_score: number;
    message: string | null;
    test_code: string;
    line_no: number;
  }[];
}

const context: FormatContext = { visibility: () => 'visible' };

/** The line for $GITHUB_OUTPUT, decoded as autograding-grading-reporter's src/main.js decodes it. */
function decode(report: RunReport): ClassroomResult {
  const text = classroomFormat.format(report, context);
  const match = /^result=([A-Za-z0-9+/]*={0,2})\n$/.exec(text);
  expect(match, text).not.toBeNull();
  return JSON.parse(Buffer.from(match?.[1] ?? '', 'base64').toString('utf-8')) as ClassroomResult;
}

/** The points the reporter's src/notify-classroom.js sends to Classroom ("Autograding report"). */
function classroomPoints(runners: ClassroomResult[]): { totalPoints: number; maxPoints: number } {
  return runners.reduce(
    (acc, results) => {
      if (!results.max_score) return acc;
      acc.maxPoints += results.max_score;
      results.tests.forEach(({ score }) => (acc.totalPoints += score));
      return acc;
    },
    { totalPoints: 0, maxPoints: 0 },
  );
}

const [passed, failed, skipped] = sampleReport.tests as [TestResult, TestResult, TestResult];

describe('the GitHub Classroom format', () => {
  it('is one result= line of base64 JSON, version 1, without the skipped test', () => {
    const result = decode(sampleReport);
    expect(result.version).toBe(1);
    expect(result.status).toBe('fail');
    expect(result.max_score).toBe(sampleReport.summary.maxScore);
    expect(result.tests.map((test) => [test.name, test.status, test.score, test.max_score])).toEqual([
      [`${passed.id} — ${passed.title}`, 'pass', 1, 1],
      [`${failed.id} — ${failed.title}`, 'fail', 0, 1],
    ]);
    expect(result.tests.every((test) => test.line_no === 0)).toBe(true);
  });

  it('explains a failure with its message, hint and replay, and passes with none', () => {
    const [pass, fail] = decode(sampleReport).tests;
    expect(pass?.message).toBeNull();
    expect(fail?.message).toContain(sampleFailure.message);
    expect(fail?.message).toContain(sampleFailure.hint);
    expect(fail?.message).toContain(sampleFailure.replay);
    expect(fail?.test_code).toContain('c1.write("ab\\x00c")');
  });

  it('passes only when every test that counts passed', () => {
    expect(decode(reportOf([passed, skipped])).status).toBe('pass');
    expect(decode(reportOf([passed, { ...failed, status: 'error' }])).status).toBe('error');
  });

  it('gives the student the summary score', () => {
    for (const report of [
      sampleReport,
      reportOf([passed, { ...passed, id: 'b', score: 2.5, maxScore: 2.5 }, failed]),
    ]) {
      expect(classroomPoints([decode(report)])).toEqual({
        totalPoints: report.summary.score,
        maxPoints: report.summary.maxScore,
      });
    }
  });

  it('reports an error, and 0 points, when no test could be run', () => {
    const result = decode(startupErrorReport);
    expect(result.status).toBe('error');
    expect(result.tests.map((test) => test.status)).toEqual(['error', 'error', 'error']);
    expect(classroomPoints([result])).toEqual({ totalPoints: 0, maxPoints: 3 });
    expect(result.tests[0]?.message).toContain('exited with code 4 before listening');
  });

  it('cuts a long message, with a marker', () => {
    const long = { ...failed, failure: { ...sampleFailure, message: 'x'.repeat(10_000) } };
    const message = decode(reportOf([long])).tests[0]?.message ?? '';
    expect(message.length).toBeLessThanOrEqual(2000);
    expect(message).toMatch(/characters cut/);
  });

  it('stays within what one environment variable can hold when many tests fail at length', () => {
    const long = { ...sampleFailure, counterexample: Array<string>(500).fill('c1.write("abc")') };
    const tests = Array.from({ length: 200 }, (_, index) => ({ ...failed, id: `t${index}`, failure: long }));
    expect(classroomFormat.format(reportOf(tests), context).length).toBeLessThan(128 * 1024);
  });

  it('does not throw on failures with every optional field empty, or none', () => {
    const bare = { ...emptyFailure, kind: startupFailure.kind, message: startupFailure.message };
    const result = decode(
      reportOf([
        { ...failed, failure: bare },
        { ...failed, status: 'error', failure: undefined },
      ]),
    );
    expect(result.tests.map((test) => test.test_code)).toEqual(['', '']);
    expect(result.tests[0]?.message).toBe(startupFailure.message);
    expect(decode(reportOf([])).tests).toEqual([]);
  });
});
