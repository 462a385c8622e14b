import { stringify } from 'csv-stringify/sync';
import type { ClassReport } from '../../harness/results/class-report.js';

/**
 * grades.csv: a row per submission, a column per test id with the points it earned (empty for a
 * test not run), then the total, the maximum, the status and why tests could not be judged.
 */
export function gradesCsv(report: ClassReport): string {
  const header = ['submission', ...report.testIds, 'score', 'max_score', 'status', 'error_kind'];
  const rows = report.submissions.map((grade) => [
    grade.id,
    ...report.testIds.map((id) => {
      const cell = grade.tests[id];
      return cell === undefined || cell.status === 'skipped' ? '' : String(cell.score);
    }),
    String(grade.score),
    String(grade.maxScore),
    grade.status,
    grade.errorKind ?? '',
  ]);
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}
