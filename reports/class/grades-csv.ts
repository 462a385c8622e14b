import { stringify } from 'csv-stringify/sync';
import type { ClassCell, ClassReport } from '../../harness/results/class-report.js';

/** The points of a test that was judged (passed or failed); empty for one not run or not judged (a failed build). */
function points(cell: ClassCell | undefined): string {
  return cell?.status === 'passed' || cell?.status === 'failed' ? String(cell.score) : '';
}

/**
 * grades.csv: a row per submission, a column per test id with the points it earned (empty for a
 * test not run or not judged), then the total (empty when conform could not grade the submission),
 * the maximum, the status and why tests could not be judged.
 */
export function gradesCsv(report: ClassReport): string {
  const header = ['submission', ...report.testIds, 'score', 'max_score', 'status', 'error_kind'];
  const rows = report.submissions.map((grade) => [
    grade.id,
    ...report.testIds.map((id) => points(grade.tests[id])),
    grade.graded ? String(grade.score) : '',
    String(grade.maxScore),
    grade.status,
    grade.errorKind ?? '',
  ]);
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}
