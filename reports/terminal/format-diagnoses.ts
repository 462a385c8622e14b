import { explainedFailures } from '../../harness/results/run-diagnoses.js';
import type { RunReport } from '../../harness/results/run-report.js';
import { plural } from '../plural.js';
import type { Palette } from './palette.js';

/** How many problems were found and how many of the failures they explain, for the summary line. */
export function problemsFound(report: RunReport): string | undefined {
  const diagnoses = report.diagnoses ?? [];
  if (diagnoses.length === 0) return undefined;
  const failed = report.summary.failed;
  const explained = explainedFailures(diagnoses);
  const behind =
    explained === failed
      ? failed === 1
        ? 'the failure'
        : `all ${failed} failures`
      : `${explained} of the ${plural(failed, 'failure')}`;
  return `${plural(diagnoses.length, 'problem')} found, behind ${behind}`;
}

/**
 * The problems the run's failures show, each said once before the tests' own details: what the
 * server does wrong and how to fix it, which tests it explains, and the shortest script that shows it.
 */
export function formatDiagnoses(report: RunReport, colors: Palette): string[] {
  const diagnoses = report.diagnoses ?? [];
  const found = problemsFound(report);
  if (found === undefined) return [];
  const lines = [colors.bold(`Diagnosis: ${found}`)];
  for (const [index, diagnosis] of diagnoses.entries()) {
    const [shownBy, ...others] = diagnosis.tests;
    const also = others.length === 0 ? '' : `; also explains ${others.join(', ')}`;
    lines.push(
      '',
      `  ${colors.bold(`${index + 1}. ${diagnosis.cause}`)} — shown by ${shownBy}${also}`,
      `     ${colors.yellow(diagnosis.hint)}`,
    );
    if (diagnosis.script !== null) {
      lines.push(
        `     Shortest script (${diagnosis.script.test}):`,
        ...diagnosis.script.lines.map((line) => `         ${line}`),
      );
    }
  }
  return lines;
}
