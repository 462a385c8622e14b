import type { TestResult } from '../harness/results/test-result.js';
import { formatFailure } from './terminal/format-failure.js';
import { palette } from './terminal/palette.js';

const noColors = palette(false);

/**
 * The whole explanation of a failed or errored test as plain text, the same words the terminal
 * prints (transcript included), for formats that carry it: JUnit, TAP, Gradescope, Classroom.
 * Empty for a test without a failure.
 */
export function plainExplanation(result: TestResult): string {
  return formatFailure(result, noColors, true).join('\n');
}
