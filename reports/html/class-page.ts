import type { ClassReport, SubmissionGrade } from '../../harness/results/class-report.js';
import { clip, escapeHtml } from './escape-html.js';
import { htmlPage } from './html-page.js';
import { statusLabels } from './status-label.js';
import { testAnchor } from './test-anchor.js';
import { plural } from '../plural.js';

/** The link to a submission's HTML report: beside its JSON report, each path segment encoded. */
export function submissionPage(grade: SubmissionGrade, fileName: string): string {
  const folder = grade.report.split(/[\\/]/).slice(0, -1);
  return [...folder, fileName].map(encodeURIComponent).join('/');
}

function gradeWord(grade: SubmissionGrade): string {
  if (!grade.graded) return `! not graded (${grade.errorKind ?? 'error'})`;
  if (grade.status === 'error') return `! error (${grade.errorKind ?? 'error'})`;
  return grade.status === 'passed' ? '✓ passed' : '✗ failed';
}

/** The column heading of a test: its id without the suite's name, the whole id for screen readers and tooltips. */
function testHeading(id: string, suite: string): string {
  const short = id.startsWith(`${suite}.`) ? id.slice(suite.length + 1) : id;
  return `<th scope="col" class="test" title="${escapeHtml(id)}"><span aria-hidden="true">${escapeHtml(clip(short, 60))}</span><span class="visually-hidden">${escapeHtml(clip(id, 200))}</span></th>`;
}

function row(grade: SubmissionGrade, report: ClassReport, fileName: string): string {
  const page = escapeHtml(submissionPage(grade, fileName));
  const id = escapeHtml(clip(grade.id, 200));
  const cells = report.testIds.map((testId) => {
    const cell = grade.tests[testId];
    if (cell === undefined) return '<td class="cell"><span title="not run">–</span></td>';
    const label = statusLabels[cell.status];
    const what = `${grade.id}, ${testId}: ${label.word.toLowerCase()}, ${cell.score}/${cell.maxScore}`;
    return `<td class="cell status-${cell.status}"><a href="${page}#${testAnchor(testId)}" title="${escapeHtml(what)}"><span aria-hidden="true">${label.symbol}</span><span class="visually-hidden">${escapeHtml(what)}</span></a></td>`;
  });
  return [
    '<tr>',
    `<th scope="row"><a href="${page}">${id}</a></th>`,
    `<td>${grade.score}/${grade.maxScore}</td>`,
    `<td class="status status-${grade.graded ? grade.status : 'error'}">${escapeHtml(gradeWord(grade))}</td>`,
    ...cells,
    '</tr>',
  ].join('');
}

/** Which mistakes how many submissions made, each submission named with a link to its report. */
function problemsTable(report: ClassReport, fileName: string): string[] {
  const problems = report.problems ?? [];
  if (problems.length === 0) return [];
  const grades = new Map(report.submissions.map((grade) => [grade.id, grade]));
  const rows = problems.map((problem) => {
    const links = problem.submissions
      .map((id) => {
        const grade = grades.get(id);
        const name = escapeHtml(clip(id, 200));
        return grade === undefined
          ? name
          : `<a href="${escapeHtml(submissionPage(grade, fileName))}">${name}</a>`;
      })
      .join(', ');
    return `<tr><td><code>${escapeHtml(problem.cause)}</code></td><td>${problem.submissions.length}</td><td>${links}</td></tr>`;
  });
  return [
    '<h2>Problems found</h2>',
    '<p class="muted">The diagnoses of the submissions’ runs, the most common first: what to teach again.</p>',
    '<table class="problems">',
    '<thead><tr><th scope="col">Problem</th><th scope="col">Submissions</th><th scope="col">Which</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ];
}

/**
 * A class's grades as one page: a row per submission, a column per test, each cell a link to that
 * test in the submission's own HTML report (`fileName`, beside its JSON report).
 */
export function classPage(report: ClassReport, fileName: string): string {
  const { summary } = report;
  const counts =
    `${plural(summary.submissions, 'submission')}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} with errors` +
    (summary.notGraded > 0 ? `, ${summary.notGraded} not graded` : '');
  const body = [
    '<main>',
    `<h1>conform grades · ${escapeHtml(clip(report.suite, 200))}${report.shard === null ? '' : ` (part ${escapeHtml(report.shard)})`}</h1>`,
    `<p>${escapeHtml(counts)} · seed ${report.seed} · conform ${escapeHtml(clip(report.conformVersion, 100))}</p>`,
    '<p class="muted">✓ passed, ✗ failed, ! could not be judged, – skipped or not run. Each mark links to that test in the submission’s report.</p>',
    '<table class="class-table">',
    `<thead><tr><th scope="col">Submission</th><th scope="col">Score</th><th scope="col">Result</th>${report.testIds.map((id) => testHeading(id, report.suite)).join('')}</tr></thead>`,
    `<tbody>${report.submissions.map((grade) => row(grade, report, fileName)).join('\n')}</tbody>`,
    '</table>',
    ...problemsTable(report, fileName),
    '</main>',
  ].join('\n');
  return htmlPage(`conform grades · ${clip(report.suite, 100)}`, body);
}
