import type { RunReport } from '../../harness/results/run-report.js';
import type { ReportFormat } from '../report-format.js';
import { diagnosesSection } from './diagnoses-section.js';
import { clip } from './escape-html.js';
import { failureSection } from './failure-section.js';
import { htmlPage } from './html-page.js';
import { runSummary } from './run-summary.js';

/** Tests shown with a section each, at most: a suite has a few dozen, a report made by hand may have more. */
const maxSections = 200;

function runPage(report: RunReport): string {
  const failing = report.tests.filter((test) => test.failure !== undefined);
  const sections = failing.slice(0, maxSections).map((test, index) => failureSection(test, index === 0));
  const more =
    failing.length > maxSections
      ? [`<p>… ${failing.length - maxSections} more failures are not shown.</p>`]
      : [];
  const body = [
    '<main>',
    runSummary(report),
    ...diagnosesSection(report),
    ...(failing.length === 0 ? [] : ['<h2>Failures</h2>', ...sections, ...more]),
    '</main>',
  ].join('\n');
  return htmlPage(
    `conform · ${clip(report.suite, 100)}: ${report.summary.score}/${report.summary.maxScore}`,
    body,
  );
}

/** One self-contained page to open from disk: the summary, and each failure with its run drawn. */
export const htmlFormat: ReportFormat = {
  name: 'html',
  description: 'one self-contained HTML page: the summary, and each failure drawn as a sequence diagram',
  fileName: 'report.html',
  format: runPage,
};
