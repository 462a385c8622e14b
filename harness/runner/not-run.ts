import type { FailureReport, TestResult } from '../results/test-result.js';
import type { ConformanceTest } from './suite.js';

/** The result of a test that did not run: skipped by the selection, or left out with the reason why. */
export function notRun(
  test: ConformanceTest,
  status: 'skipped' | 'error',
  why: { skipReason?: string; failure?: FailureReport },
): TestResult {
  return {
    id: test.id,
    title: test.title,
    requirement: test.requirement,
    status,
    durationMs: 0,
    score: 0,
    maxScore: test.points ?? 1,
    ...(why.skipReason !== undefined && { skipReason: why.skipReason }),
    ...(why.failure !== undefined && { failure: why.failure }),
  };
}
