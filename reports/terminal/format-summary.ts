import type { RunReport } from '../../harness/results/run-report.js';
import type { Palette } from './palette.js';
import { formatDuration, statusWord } from './status-mark.js';

/** The table at the end: one row a test, then the totals and the score. */
export function formatSummary(report: RunReport, colors: Palette): string[] {
  const width = Math.max(4, ...report.tests.map((test) => test.id.length));
  const rows = report.tests.map(
    (test) =>
      `  ${test.id.padEnd(width)}  ${statusWord(test.status, colors, 7)}  ${`${test.score}/${test.maxScore}`.padStart(5)}  ${
        test.status === 'skipped' ? '' : formatDuration(test.durationMs)
      }`,
  );
  const summary = report.summary;
  const counts = [
    colors.green(`${summary.passed} passed`),
    summary.failed > 0 ? colors.red(`${summary.failed} failed`) : `${summary.failed} failed`,
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped`] : []),
    ...(summary.errors > 0 ? [colors.magenta(`${summary.errors} errors`)] : []),
  ];
  return [
    colors.bold(`  ${'test'.padEnd(width)}  result   score  time`),
    ...rows,
    '',
    `${counts.join(', ')}  ·  score ${colors.bold(`${summary.score}/${summary.maxScore}`)}  ·  ${formatDuration(report.durationMs)}  ·  seed ${report.seed}`,
  ];
}
