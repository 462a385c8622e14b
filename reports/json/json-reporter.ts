import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunReport } from '../../harness/results/run-report.js';
import type { Reporter } from '../reporter.js';
import { ReportFileError } from '../report-file-error.js';

/** Writes the run as JSON (schema version 1, docs/report-format.md), whatever the outcome. */
export class JsonReporter implements Reporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async onRunEnd(report: RunReport): Promise<void> {
    await writeJsonReport(this.#file, report);
  }
}

/** Writes the report, creating its folder if needed; a failure is a ReportFileError naming the file. */
export async function writeJsonReport(file: string, report: RunReport): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    throw new ReportFileError('JSON report', file, error);
  }
}
