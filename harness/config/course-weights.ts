import type { Visibility } from '../../reports/report-format.js';
import { globToRegExp } from '../runner/select-tests.js';
import type { Suite } from '../runner/suite.js';
import { suggestion } from './closest.js';
import { ConfigError } from './config-error.js';

/** The value of the last pattern (a test id or glob) that matches the id, or undefined. */
export function lastMatch<T>(patterns: readonly (readonly [string, T])[], id: string): T | undefined {
  return patterns.findLast(([pattern]) => globToRegExp(pattern).test(id))?.[1];
}

/** A typo in a test id is an error, not a test silently worth the default. */
export function checkTestPatterns(
  suite: Suite,
  patterns: readonly string[],
  key: string,
  where: string,
): void {
  const ids = suite.tests.map((test) => test.id);
  for (const pattern of patterns) {
    if (ids.some((id) => globToRegExp(pattern).test(id))) continue;
    throw new ConfigError(
      `\`${key}\` in ${where} names \`${pattern}\`, which matches no test of suite ${suite.name}: ${suggestion(pattern, ids)}`,
    );
  }
}

/** The suite with the course's points per test (1 where none is given; 0 is shown but not scored). */
export function withPoints(
  suite: Suite,
  points: Readonly<Record<string, number>> | undefined,
  where: string,
): Suite {
  if (points === undefined) return suite;
  checkTestPatterns(suite, Object.keys(points), 'points', where);
  return {
    ...suite,
    tests: suite.tests.map((test) => {
      const value = lastMatch(Object.entries(points), test.id);
      return value === undefined ? test : { ...test, points: value };
    }),
  };
}

/** Gradescope's visibility of each test, from the course's patterns (visible where none matches). */
export function visibilityOf(
  suite: Suite,
  visibility: Readonly<Record<string, Visibility>> | undefined,
  where: string,
): (testId: string) => Visibility {
  if (visibility === undefined) return () => 'visible';
  checkTestPatterns(suite, Object.keys(visibility), 'visibility', where);
  return (testId) => lastMatch(Object.entries(visibility), testId) ?? 'visible';
}
