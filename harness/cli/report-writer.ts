import { appendFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Reporter } from '../../reports/reporter.js';
import type { FormatContext } from '../../reports/report-format.js';
import { ReportFileError } from '../../reports/report-file-error.js';
import type { ReportTarget } from '../config/resolve-reporters.js';
import type { RunReport } from '../results/run-report.js';
import { makeFolder } from './make-folder.js';

export interface ReportDestinations {
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
  readonly stepSummaryFile: string | undefined;
}

/**
 * The one place reports are written: each format to its file (folders made as needed) or to stdout,
 * and a step summary appended where GitHub Actions asks for one. Every report is attempted; the
 * first that could not be written is thrown afterwards as a ReportFileError.
 */
export async function writeReports(
  report: RunReport,
  targets: readonly ReportTarget[],
  context: FormatContext,
  to: ReportDestinations,
): Promise<void> {
  const problems: ReportFileError[] = [];
  const attempt = async (what: string, file: string, write: () => Promise<void>): Promise<void> => {
    try {
      await write();
    } catch (error) {
      problems.push(new ReportFileError(what, file, error));
    }
  };
  for (const { format, file } of targets) {
    const what = `${format.name === 'json' ? 'JSON' : format.name} report`;
    const text = format.format(report, context);
    if (file === undefined) {
      to.stdout.write(text);
    } else {
      const path = resolve(to.cwd, file);
      await attempt(what, file, async () => {
        await makeFolder(dirname(path));
        await writeFile(path, text);
      });
    }
    if (format.stepSummary !== undefined && to.stepSummaryFile !== undefined) {
      const summary = format.stepSummary(report, context);
      const path = resolve(to.cwd, to.stepSummaryFile);
      await attempt('step summary', to.stepSummaryFile, () => appendFile(path, summary));
    }
  }
  const [first] = problems;
  if (first !== undefined) throw first;
}

/** Writes the reports when the run ends, after the terminal has shown the results. */
export class ReportWriter implements Reporter {
  readonly #targets: readonly ReportTarget[];
  readonly #context: FormatContext;
  readonly #to: ReportDestinations;

  constructor(targets: readonly ReportTarget[], context: FormatContext, to: ReportDestinations) {
    this.#targets = targets;
    this.#context = context;
    this.#to = to;
  }

  async onRunEnd(report: RunReport): Promise<void> {
    await writeReports(report, this.#targets, this.#context, this.#to);
  }
}
