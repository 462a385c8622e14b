import type { TestResult } from './test-result.js';

/** One problem of the server, as the run's failures read together show it. */
export interface RunDiagnosis {
  /** What the server does wrong, as a stable id (`lost-bytes`, `decoded-per-read`). */
  readonly cause: string;
  /** What the server does wrong and how to fix it, in the server's language. */
  readonly hint: string;
  /** Every failed test it explains, the one whose own evidence shows it first. */
  readonly tests: readonly string[];
  /** The shortest failing script among those tests, and the test it is from. */
  readonly script: { readonly test: string; readonly lines: readonly string[] } | null;
}

/** Causes that name no problem of their own: a checker's reading that differs from failure to failure. */
const unnamed = new Set(['finding']);

/**
 * The distinct problems a run's failures show: the failed tests grouped by the cause that explains
 * them. A failure with no cause (the test's own hint) is in none.
 */
export function runDiagnoses(tests: readonly TestResult[]): RunDiagnosis[] {
  const groups = new Map<string, TestResult[]>();
  for (const test of tests) {
    const cause = test.status === 'failed' ? test.failure?.cause : null;
    if (cause === null || cause === undefined || unnamed.has(cause)) continue;
    groups.set(cause, [...(groups.get(cause) ?? []), test]);
  }
  return [...groups].flatMap(([cause, members]) => {
    const shown = members.find((test) => test.failure?.shownBy === undefined) ?? members[0];
    if (shown === undefined) return [];
    const scripts = members.flatMap((test) => {
      const lines = test.failure?.counterexample;
      return lines === null || lines === undefined || lines.length === 0 ? [] : [{ test: test.id, lines }];
    });
    const script = scripts.reduce<(typeof scripts)[number] | null>(
      (shortest, next) => (shortest === null || next.lines.length < shortest.lines.length ? next : shortest),
      null,
    );
    return [
      {
        cause,
        hint: shown.failure?.hint ?? '',
        tests: [shown.id, ...members.filter((test) => test !== shown).map((test) => test.id)],
        script,
      },
    ];
  });
}

/** How many failed tests the diagnoses explain. */
export function explainedFailures(diagnoses: readonly RunDiagnosis[]): number {
  return diagnoses.reduce((sum, diagnosis) => sum + diagnosis.tests.length, 0);
}
