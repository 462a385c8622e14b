import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FormatContext, ReportFormat } from '../../reports/report-format.js';
import type { RunReport } from '../results/run-report.js';
import { makeFolder } from '../cli/make-folder.js';

/** A submission's results folder inside the class output folder. */
export function resultsFolder(outDir: string, id: string): string {
  return join(outDir, 'submissions', id);
}

/** Where its conform writes the JSON report, and where it stays. */
export function reportFile(folder: string): string {
  return join(folder, 'report.json');
}

const stampFile = 'graded.json';

/** The stamp beside a kept report: what it was graded from, and the digest of the report as conform wrote it. */
interface Stamp {
  readonly fingerprint?: string;
  readonly report?: string;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The report of a submission graded before with the same fingerprint (the same files, config,
 * seed and conform version), or undefined when it must be graded: also when the report is not,
 * byte for byte, the one conform wrote then.
 */
export async function readCached(folder: string, fingerprint: string): Promise<RunReport | undefined> {
  try {
    const stamp = JSON.parse(await readFile(join(folder, stampFile), 'utf8')) as Stamp;
    if (stamp.fingerprint !== fingerprint) return undefined;
    const text = await readFile(reportFile(folder), 'utf8');
    if (stamp.report !== digest(text)) return undefined;
    return JSON.parse(text) as RunReport;
  } catch {
    return undefined;
  }
}

/** How long the submission's last grading took, from the report it left, whatever it was graded from. */
export async function previousDurationMs(folder: string): Promise<number | undefined> {
  try {
    const { durationMs } = JSON.parse(await readFile(reportFile(folder), 'utf8')) as Partial<RunReport>;
    return typeof durationMs === 'number' && durationMs > 0 ? durationMs : undefined;
  } catch {
    return undefined;
  }
}

/** Empties a results folder before a submission is graded, so nothing of an earlier grading is mistaken for this one's. */
export async function clearResults(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await makeFolder(folder);
}

/**
 * Writes what a graded submission leaves: its final JSON report, every selected format, what its
 * conform printed, and last the stamp that lets a later grading skip it.
 */
export async function writeResults(
  folder: string,
  results: {
    readonly report: RunReport;
    readonly output: string;
    /** Undefined: nothing lets a later grading keep these results. */
    readonly fingerprint: string | undefined;
    readonly formats: readonly ReportFormat[];
    readonly context: FormatContext;
  },
): Promise<void> {
  await makeFolder(folder);
  const report = `${JSON.stringify(results.report, null, 2)}\n`;
  await writeFile(reportFile(folder), report);
  await writeFile(join(folder, 'output.txt'), results.output);
  await writeFormats(folder, results.report, results.formats, results.context);
  if (results.fingerprint !== undefined) {
    const stamp: Stamp = { fingerprint: results.fingerprint, report: digest(report) };
    await writeFile(join(folder, stampFile), `${JSON.stringify(stamp)}\n`);
  }
}

/** Writes each selected format of a submission's report into its folder (again, for one graded before). */
export async function writeFormats(
  folder: string,
  report: RunReport,
  formats: readonly ReportFormat[],
  context: FormatContext,
): Promise<void> {
  for (const format of formats) {
    await writeFile(join(folder, format.fileName), format.format(report, context));
  }
}
