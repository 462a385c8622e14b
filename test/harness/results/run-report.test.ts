import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeFor } from '../../../harness/results/exit-code.js';
import { summarize, type RunReport } from '../../../harness/results/run-report.js';
import type { TestResult } from '../../../harness/results/test-result.js';

const result = (status: TestResult['status'], points = 1): TestResult => ({
  id: `echo.${status}-${points}`,
  title: '',
  requirement: '',
  status,
  durationMs: 1,
  score: status === 'passed' ? points : 0,
  maxScore: points,
});

const report = (tests: TestResult[]): RunReport => ({
  schemaVersion: 1,
  conformVersion: '0',
  suite: 'echo',
  seed: 1,
  startedAt: '',
  durationMs: 1,
  target: { command: '', port: null },
  summary: summarize(tests),
  tests,
});

describe('the run summary', () => {
  it('counts each status and leaves skipped tests out of the score', () => {
    expect(
      summarize([result('passed', 2), result('failed', 3), result('skipped', 5), result('error')]),
    ).toEqual({
      total: 4,
      passed: 1,
      failed: 1,
      skipped: 1,
      errors: 1,
      score: 2,
      maxScore: 6,
    });
  });
});

describe('the exit code', () => {
  it('is 0 when every selected test passed, skips aside', () => {
    expect(exitCodeFor(report([result('passed'), result('skipped')]))).toBe(ExitCode.passed);
  });
  it('is 1 when a test failed', () => {
    expect(exitCodeFor(report([result('passed'), result('failed')]))).toBe(ExitCode.failed);
  });
  it('is 3 when conform could not judge a test, even if another failed', () => {
    expect(exitCodeFor(report([result('failed'), result('error')]))).toBe(ExitCode.couldNotTest);
  });
});
