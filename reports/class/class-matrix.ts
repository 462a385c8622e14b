import type { ClassReport, SubmissionGrade } from '../../harness/results/class-report.js';
import type { Palette } from '../terminal/palette.js';
import { statusMark } from '../terminal/status-mark.js';
import { plural } from '../plural.js';

function statusText(grade: SubmissionGrade, colors: Palette): string {
  if (!grade.graded) return colors.magenta(`not graded (${grade.errorKind ?? 'error'})`);
  if (grade.status === 'error') return colors.magenta(`error (${grade.errorKind ?? 'error'})`);
  return grade.status === 'passed' ? colors.green('passed') : colors.red('failed');
}

/**
 * The class at a glance: a row per submission, a column per test (numbered, with the ids below),
 * as implementation x case tables are drawn: ✓ passed, ✗ failed, ! could not be judged, - not run.
 */
export function classMatrix(report: ClassReport, colors: Palette): string[] {
  const width = Math.max(10, ...report.submissions.map((grade) => grade.id.length)) + 2;
  const columns = report.testIds.map((_, index) => String(index + 1).padStart(3)).join('');
  const lines = [`${''.padEnd(width)}${columns}   score`];
  for (const grade of report.submissions) {
    const cells = report.testIds
      .map((id) => {
        const cell = grade.tests[id];
        return `  ${cell === undefined ? colors.dim('-') : statusMark(cell.status, colors)}`;
      })
      .join('');
    const score = `${grade.score}/${grade.maxScore}`.padStart(8);
    lines.push(`${grade.id.padEnd(width)}${cells}${score}  ${statusText(grade, colors)}`);
  }
  lines.push('');
  report.testIds.forEach((id, index) => lines.push(colors.dim(`${String(index + 1).padStart(3)}  ${id}`)));
  const problems = report.problems ?? [];
  if (problems.length > 0) {
    lines.push('', colors.bold('problems found, and how many submissions each'));
    for (const problem of problems) {
      lines.push(`${String(problem.submissions.length).padStart(5)}  ${problem.cause}`);
    }
  }
  const { summary } = report;
  lines.push(
    '',
    `${plural(summary.submissions, 'submission')}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} with errors` +
      (summary.notGraded > 0 ? `, ${summary.notGraded} not graded` : '') +
      ` · seed ${report.seed}`,
  );
  return lines;
}
