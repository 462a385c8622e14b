import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classMatrix } from '../../reports/class/class-matrix.js';
import { gradesCsv } from '../../reports/class/grades-csv.js';
import { classPage } from '../../reports/html/class-page.js';
import { htmlFormat } from '../../reports/html/html-format.js';
import type { ReportFormat } from '../../reports/report-format.js';
import { palette } from '../../reports/terminal/palette.js';
import type { ClassReport } from '../results/class-report.js';
import { makeFolder } from './make-folder.js';

/** Where an interrupted class's grades go: a name no one uploads as the class's grades by mistake. */
const incompleteGrades = 'grades.incomplete.csv';

/**
 * The one place a class's files are written: summary.json, grades.csv, matrix.txt, and class.html
 * when each submission has an HTML report to link to; and the matrix shown.
 */
export async function writeClassOutputs(
  report: ClassReport,
  outDir: string,
  show: { readonly write: (text: string) => unknown; readonly color: boolean },
  formats: readonly ReportFormat[] = [],
): Promise<void> {
  // An interrupted class has grades for some submissions only: its table must not pass for the class's.
  const grades = report.interrupted === true ? incompleteGrades : 'grades.csv';
  const files = [grades, 'summary.json', 'matrix.txt'];
  await makeFolder(outDir);
  await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, grades), gradesCsv(report));
  // A grading that finished replaces what an interrupted one left.
  if (report.interrupted !== true) await rm(join(outDir, incompleteGrades), { force: true });
  await writeFile(join(outDir, 'matrix.txt'), `${classMatrix(report, palette(false)).join('\n')}\n`);
  if (formats.includes(htmlFormat)) {
    await writeFile(join(outDir, 'class.html'), classPage(report, htmlFormat.fileName));
    files.push('class.html');
  }
  show.write(`\n${classMatrix(report, palette(show.color)).join('\n')}\n`);
  show.write(`\nwritten to ${outDir}: ${files.join(', ')}, and submissions/<id>/\n`);
  if (report.interrupted === true) {
    show.write(
      `interrupted: not every submission was graded, so the grades are in ${incompleteGrades}, not grades.csv; run conform grade again to finish (graded submissions are kept)\n`,
    );
  }
}
