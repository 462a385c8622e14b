import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import type { Selection } from '../../harness/runner/select-tests.js';
import { describeLeftOut, leftOutBy } from '../left-out.js';
import { problemsFound } from './format-diagnoses.js';
import type { Palette } from './palette.js';
import { formatDuration, statusWord } from './status-mark.js';
import { plural } from '../plural.js';

/**
 * The table at the end: one row a test, then the totals and the score. A test left out by --only or
 * --skip has a dash and no score, and one line under the table says how many were left out, and why.
 */
export function formatSummary(report: RunReport, colors: Palette, selection?: Selection): string[] {
  const width = Math.max(4, ...report.tests.map((test) => test.id.length));
  const row = (test: TestResult): string =>
    leftOutBy(test) !== undefined
      ? `  ${test.id.padEnd(width)}  ${colors.dim('–')}`
      : `  ${test.id.padEnd(width)}  ${statusWord(test.status, colors, 7)}  ${`${test.score}/${test.maxScore}`.padStart(5)}  ${
          test.status === 'skipped' ? '' : formatDuration(test.durationMs)
        }`;
  const leftOut = describeLeftOut(report.tests, selection);
  const problems = problemsFound(report);
  const summary = report.summary;
  const skipped = summary.skipped - report.tests.filter((test) => leftOutBy(test) !== undefined).length;
  const counts = [
    colors.green(`${summary.passed} passed`),
    summary.failed > 0 ? colors.red(`${summary.failed} failed`) : `${summary.failed} failed`,
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
    ...(summary.errors > 0 ? [colors.magenta(plural(summary.errors, 'error'))] : []),
  ];
  return [
    colors.bold(`  ${'test'.padEnd(width)}  result   score  time`),
    ...report.tests.map(row),
    ...(leftOut === undefined ? [] : [colors.dim(`  ${leftOut}`)]),
    '',
    [
      counts.join(', '),
      ...(problems === undefined ? [] : [problems]),
      `score ${colors.bold(`${summary.score}/${summary.maxScore}`)}`,
      formatDuration(report.durationMs),
      `seed ${report.seed}`,
    ].join('  ·  '),
  ];
}
