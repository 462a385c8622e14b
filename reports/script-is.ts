import type { FailureReport } from '../harness/results/test-result.js';

/** What a failure's script is: the smallest case a search found, or the test's own fixed script. */
export function scriptIs(failure: Pick<FailureReport, 'searched'>): string {
  return failure.searched === true ? 'the smallest failing case found' : 'the failing script';
}
