import { describe, expect, it } from 'vitest';
import { runReport } from '../../../harness/results/run-report.js';
import type { TestResult } from '../../../harness/results/test-result.js';
import { plainFailure } from '../../../harness/runner/failure-report.js';
import { formatDiagnoses, problemsFound } from '../../../reports/terminal/format-diagnoses.js';
import { formatSummary } from '../../../reports/terminal/format-summary.js';
import { palette } from '../../../reports/terminal/palette.js';

const plain = palette(false);

function failed(id: string, cause: string | null, shownBy?: string): TestResult {
  const failure = plainFailure('eof', `${id} failed`, {
    cause,
    hint: shownBy === undefined ? 'Keep what send() did not take.' : `As ${shownBy} shows: Keep it.`,
  });
  return {
    id,
    title: id,
    requirement: '',
    status: 'failed',
    durationMs: 5,
    score: 0,
    maxScore: 1,
    failure: {
      ...failure,
      ...(shownBy !== undefined && { shownBy }),
      counterexample: shownBy === undefined ? ['c1 = connect()', 'c1.write(…)'] : null,
    },
  };
}

const report = (tests: TestResult[]) =>
  runReport({
    conformVersion: '0',
    suite: 'echo',
    seed: 7,
    startedAt: '',
    durationMs: 10,
    target: { command: 'x', port: null },
    tests,
  });

describe('the diagnosis in the terminal', () => {
  it('says each problem once, before the tests: the fix, the tests it explains, the shortest script', () => {
    const run = report([
      failed('echo.large', 'lost-bytes'),
      failed('echo.backpressure', 'lost-bytes', 'echo.large'),
      failed('echo.idle-client', null),
    ]);
    expect(formatDiagnoses(run, plain)).toEqual([
      'Diagnosis: 1 problem found, behind 2 of the 3 failures',
      '',
      '  1. lost-bytes — shown by echo.large; also explains echo.backpressure',
      '     Keep what send() did not take.',
      '     Shortest script (echo.large):',
      '         c1 = connect()',
      '         c1.write(…)',
    ]);
    expect(formatSummary(run, plain).at(-1)).toMatch(
      /^0 passed, 3 failed {2}· {2}1 problem found, behind 2 of the 3 failures {2}· {2}score 0\/3/,
    );
  });

  it('counts two problems behind all the failures, and says nothing where no failure shows a cause', () => {
    const two = report([failed('echo.binary', 'nul-cut'), failed('echo.stream', 'first-read-only')]);
    expect(problemsFound(two)).toBe('2 problems found, behind all 2 failures');
    const none = report([failed('echo.idle-client', null)]);
    expect(formatDiagnoses(none, plain)).toEqual([]);
    expect(formatSummary(none, plain).at(-1)).not.toMatch(/problem/);
  });
});
