import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classMatrix } from '../../reports/class/class-matrix.js';
import { gradesCsv } from '../../reports/class/grades-csv.js';
import { palette } from '../../reports/terminal/palette.js';
import type { ClassReport } from '../results/class-report.js';
import { makeFolder } from './make-folder.js';

/** The one place a class's files are written: summary.json, grades.csv, matrix.txt; and the matrix shown. */
export async function writeClassOutputs(
  report: ClassReport,
  outDir: string,
  show: { readonly write: (text: string) => unknown; readonly color: boolean },
): Promise<void> {
  await makeFolder(outDir);
  await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, 'grades.csv'), gradesCsv(report));
  await writeFile(join(outDir, 'matrix.txt'), `${classMatrix(report, palette(false)).join('\n')}\n`);
  show.write(`\n${classMatrix(report, palette(show.color)).join('\n')}\n`);
  show.write(`\nwritten to ${outDir}: grades.csv, summary.json, matrix.txt, and submissions/<id>/\n`);
}
