import { describe, expect, it } from 'vitest';
import { runReport, type RunReport } from '../../../harness/results/run-report.js';
import type { TestResult } from '../../../harness/results/test-result.js';
import { leftOutReasons } from '../../../harness/runner/select-tests.js';
import { formatSummary } from '../../../reports/terminal/format-summary.js';
import { palette } from '../../../reports/terminal/palette.js';

function result(id: string, status: TestResult['status'], skipReason?: string): TestResult {
  return {
    id,
    title: id,
    requirement: 'MUST.',
    status,
    durationMs: status === 'skipped' ? 0 : 1500,
    score: status === 'passed' ? 1 : 0,
    maxScore: 1,
    ...(skipReason !== undefined && { skipReason }),
  };
}

function report(tests: readonly TestResult[]): RunReport {
  return runReport({
    conformVersion: 'test',
    suite: 'echo',
    seed: 7,
    startedAt: '2026-11-27T10:00:00.000Z',
    durationMs: 3000,
    target: { command: 'server.py', port: 4000 },
    tests,
  });
}

const colors = palette(false);

describe('formatSummary', () => {
  it('shows tests left out by --only as a dash with no score, and says once how many and by which globs', () => {
    const tests = [
      result('echo.accept', 'skipped', leftOutReasons.only),
      result('echo.stream', 'passed'),
      result('echo.binary', 'skipped', leftOutReasons.only),
      result('echo.large', 'failed'),
      result('echo.half-close', 'skipped', leftOutReasons.only),
    ];
    const lines = formatSummary(report(tests), colors, { only: ['echo.stream', 'echo.large'], skip: [] });
    expect(lines).toEqual([
      '  test             result   score  time',
      '  echo.accept      –',
      '  echo.stream      passed     1/1  1.5 s',
      '  echo.binary      –',
      '  echo.large       FAILED     0/1  1.5 s',
      '  echo.half-close  –',
      '  3 tests not selected (--only echo.stream,echo.large)',
      '',
      '1 passed, 1 failed  ·  score 1/2  ·  3.0 s  ·  seed 7',
    ]);
  });

  it('says the same of tests left out by --skip, one test in the singular', () => {
    const tests = [result('echo.accept', 'passed'), result('echo.large', 'skipped', leftOutReasons.skip)];
    const lines = formatSummary(report(tests), colors, { only: [], skip: ['echo.l*'] });
    expect(lines).toContain('  echo.large   –');
    expect(lines).toContain('  1 test not selected (--skip echo.l*)');
    expect(lines.join('\n')).not.toMatch(/skipped|0\/1/);
  });

  it('names both options when both left tests out', () => {
    const tests = [
      result('echo.accept', 'skipped', leftOutReasons.only),
      result('echo.stream', 'passed'),
      result('echo.large', 'skipped', leftOutReasons.skip),
    ];
    const lines = formatSummary(report(tests), colors, { only: ['echo.*e*'], skip: ['echo.large'] });
    expect(lines).toContain('  2 tests not selected (--only echo.*e*; --skip echo.large)');
  });

  it('adds no line when every test was selected', () => {
    const lines = formatSummary(report([result('echo.accept', 'passed')]), colors, { only: [], skip: [] });
    expect(lines.join('\n')).not.toContain('not selected');
  });
});
