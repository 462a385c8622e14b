import type { RunReport } from '../harness/results/run-report.js';
import { formatDiagnoses } from './terminal/format-diagnoses.js';
import { palette } from './terminal/palette.js';

/** The run's diagnoses as plain text lines, for formats with no colours: Markdown, Gradescope. */
export function plainDiagnoses(report: RunReport): string[] {
  return formatDiagnoses(report, palette(false));
}
