import { describe, expect, it } from 'vitest';
import { diagnoseRun } from '../../../harness/hints/run-diagnosis.js';
import { explainedFailures, runDiagnoses } from '../../../harness/results/run-diagnoses.js';
import { runReport } from '../../../harness/results/run-report.js';
import type { TestResult } from '../../../harness/results/test-result.js';
import { plainFailure } from '../../../harness/runner/failure-report.js';

function result(id: string, cause: string | null, script: string[] | null = null): TestResult {
  const failure = plainFailure('eof', `${id} failed`, {
    cause,
    hint: cause === null ? "the test's own" : cause,
  });
  return {
    id,
    title: id,
    requirement: '',
    status: 'failed',
    durationMs: 1,
    score: 0,
    maxScore: 1,
    failure: { ...failure, counterexample: script },
  };
}

const passed: TestResult = {
  id: 'echo.accept',
  title: 'accept',
  requirement: '',
  status: 'passed',
  durationMs: 1,
  score: 1,
  maxScore: 1,
};

describe('runDiagnoses', () => {
  it('says one mistake once: the test that shows it first, every test it explains, the shortest script', () => {
    const tests = diagnoseRun([
      passed,
      result('echo.stream', 'first-read-only', ['c1 = connect()', 'c1.write("ab")', 'c1.write("cd")']),
      result('echo.large', 'reset-by-server', ['c1 = connect()', 'c1.write(…)']),
      result('echo.half-close', 'closed-after-half-close'),
    ]);
    const diagnoses = runDiagnoses(tests);
    expect(diagnoses).toEqual([
      {
        cause: 'first-read-only',
        hint: 'first-read-only',
        tests: ['echo.stream', 'echo.large', 'echo.half-close'],
        script: { test: 'echo.large', lines: ['c1 = connect()', 'c1.write(…)'] },
      },
    ]);
    expect(explainedFailures(diagnoses)).toBe(3);
  });

  it('gives two unrelated mistakes two diagnoses, and a failure with its own hint none', () => {
    const diagnoses = runDiagnoses([
      result('echo.binary', 'nul-cut'),
      result('echo.single-message', 'greeting'),
      result('echo.idle-client', null),
      result('echo.stream', 'finding'),
    ]);
    expect(diagnoses.map((diagnosis) => diagnosis.cause)).toEqual(['nul-cut', 'greeting']);
    expect(explainedFailures(diagnoses)).toBe(2);
  });

  it('leaves a report of a run with no diagnosis as it was: no diagnoses key at all', () => {
    const about = {
      conformVersion: '0',
      suite: 'echo',
      seed: 1,
      startedAt: '',
      durationMs: 1,
      target: { command: 'x', port: null },
    };
    expect(Object.keys(runReport({ ...about, tests: [passed] }))).not.toContain('diagnoses');
    expect(runReport({ ...about, tests: [result('echo.binary', 'nul-cut')] }).diagnoses).toHaveLength(1);
  });
});
