import type { ConformanceTest } from './suite.js';

export interface Selection {
  readonly only: readonly string[];
  readonly skip: readonly string[];
}

/** `echo.*` style globs: `*` matches any run of characters, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** The skip reason of a test left out by each option, as the JSON report writes it. */
export const leftOutReasons = {
  only: 'not selected by --only',
  skip: 'skipped by --skip',
} as const;

/** Why a test is not run, or undefined when it is selected. */
export function skipReason(test: ConformanceTest, selection: Selection): string | undefined {
  const matches = (globs: readonly string[]): boolean =>
    globs.some((glob) => globToRegExp(glob).test(test.id));
  if (selection.only.length > 0 && !matches(selection.only)) return leftOutReasons.only;
  if (matches(selection.skip)) return leftOutReasons.skip;
  return undefined;
}

/** Globs that select nothing, so a typo is an error rather than an empty run. */
export function unmatchedGlobs(tests: readonly ConformanceTest[], globs: readonly string[]): string[] {
  return globs.filter((glob) => !tests.some((test) => globToRegExp(glob).test(test.id)));
}
