import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classMatrix } from '../../reports/class/class-matrix.js';
import { gradesCsv } from '../../reports/class/grades-csv.js';
import { classPage } from '../../reports/html/class-page.js';
import { htmlFormat } from '../../reports/html/html-format.js';
import type { ReportFormat } from '../../reports/report-format.js';
import { palette } from '../../reports/terminal/palette.js';
import type { ClassReport } from '../results/class-report.js';
import { makeFolder } from './make-folder.js';

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
  const files = ['grades.csv', 'summary.json', 'matrix.txt'];
  await makeFolder(outDir);
  await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, 'grades.csv'), gradesCsv(report));
  await writeFile(join(outDir, 'matrix.txt'), `${classMatrix(report, palette(false)).join('\n')}\n`);
  if (formats.includes(htmlFormat)) {
    await writeFile(join(outDir, 'class.html'), classPage(report, htmlFormat.fileName));
    files.push('class.html');
  }
  show.write(`\n${classMatrix(report, palette(show.color)).join('\n')}\n`);
  show.write(`\nwritten to ${outDir}: ${files.join(', ')}, and submissions/<id>/\n`);
}
