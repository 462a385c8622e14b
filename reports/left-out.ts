import type { TestResult } from '../harness/results/test-result.js';
import { leftOutReasons, type Selection } from '../harness/runner/select-tests.js';
import { plural } from './plural.js';

type SelectionOption = keyof typeof leftOutReasons;

/** The option that left a test out of the run, or undefined for a test the selection kept. */
export function leftOutBy(test: TestResult): SelectionOption | undefined {
  if (test.status !== 'skipped') return undefined;
  if (test.skipReason === leftOutReasons.only) return 'only';
  if (test.skipReason === leftOutReasons.skip) return 'skip';
  return undefined;
}

/** One line for the tests left out: how many, and the options with their globs (when known). */
export function describeLeftOut(
  tests: readonly TestResult[],
  selection: Selection | undefined,
): string | undefined {
  const options = tests.map(leftOutBy);
  const count = options.filter((option) => option !== undefined).length;
  if (count === 0) return undefined;
  const used = (['only', 'skip'] as const).filter((option) => options.includes(option));
  const given = used.map((option) => {
    const globs = selection?.[option] ?? [];
    return globs.length === 0 ? `--${option}` : `--${option} ${globs.join(',')}`;
  });
  return `${plural(count, 'test')} not selected (${given.join('; ')})`;
}
