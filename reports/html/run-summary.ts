import { describeFiles } from '../describe-files.js';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { clip, escapeHtml } from './escape-html.js';
import { statusLabels } from './status-label.js';
import { testAnchor } from './test-anchor.js';
import { plural } from '../plural.js';

const maxCellChars = 600;

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function fact(name: string, value: string): string {
  return `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`;
}

function counts(report: RunReport): string {
  const { summary } = report;
  return [
    `${summary.passed} passed`,
    `${summary.failed} failed`,
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped`] : []),
    ...(summary.errors > 0 ? [plural(summary.errors, 'error')] : []),
  ].join(', ');
}

function testRow(test: TestResult): string {
  const label = statusLabels[test.status];
  const id = escapeHtml(clip(test.id, 200));
  const idCell =
    test.failure === undefined
      ? `<code>${id}</code>`
      : `<a href="#${testAnchor(test.id)}"><code>${id}</code></a>`;
  const why =
    test.skipReason === undefined
      ? ''
      : ` <span class="muted">(${escapeHtml(clip(test.skipReason, 200))})</span>`;
  // A test with no failure section is found by its row, so a link to any test lands on it.
  const anchor = test.failure === undefined ? ` id="${testAnchor(test.id)}"` : '';
  return [
    `<tr${anchor}>`,
    `<td class="status status-${test.status}">${label.symbol} ${label.word}</td>`,
    `<td>${idCell}</td>`,
    `<td>${escapeHtml(clip(test.title, maxCellChars))}${why}<div class="requirement">${escapeHtml(clip(test.requirement, maxCellChars))}</div></td>`,
    `<td>${test.score}/${test.maxScore}</td>`,
    `<td class="time">${test.status === 'skipped' ? '' : duration(test.durationMs)}</td>`,
    '</tr>',
  ].join('');
}

/** The head of a run's page: suite, target, seed, score, and each test with its requirement and status. */
export function runSummary(report: RunReport): string {
  const { summary, target } = report;
  const port = target.port === null ? '' : ` (port ${target.port})`;
  const sandbox = report.sandbox;
  return [
    `<h1>conform · ${escapeHtml(clip(report.suite, 200))}: ${summary.score}/${summary.maxScore} points</h1>`,
    '<dl class="facts">',
    fact('Suite', escapeHtml(clip(report.suite, 200))),
    fact('Target', `<code>${escapeHtml(clip(target.command, maxCellChars))}</code>${port}`),
    fact('Seed', String(report.seed)),
    fact('Score', `${summary.score}/${summary.maxScore} points`),
    fact('Tests', escapeHtml(counts(report))),
    fact('Started', `${escapeHtml(clip(report.startedAt, 100))}, took ${duration(report.durationMs)}`),
    ...(sandbox === undefined
      ? []
      : [
          fact(
            'Limits',
            escapeHtml(
              `${sandbox.limits.memoryMb} MiB memory, ${sandbox.limits.maxProcs} processes, ${sandbox.limits.cpuSeconds} s CPU, ${sandbox.limits.openFiles} open files per server; isolation: ${sandbox.isolation}; files: ${describeFiles(sandbox)}`,
            ),
          ),
          ...(sandbox.note === undefined ? [] : [fact('Note', escapeHtml(clip(sandbox.note, maxCellChars)))]),
        ]),
    fact('conform', escapeHtml(clip(report.conformVersion, 100))),
    '</dl>',
    '<h2>Tests</h2>',
    '<table class="tests">',
    '<thead><tr><th scope="col">Result</th><th scope="col">Test</th><th scope="col">What it checks, and the requirement</th><th scope="col">Points</th><th scope="col">Time</th></tr></thead>',
    `<tbody>${report.tests.map(testRow).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}
