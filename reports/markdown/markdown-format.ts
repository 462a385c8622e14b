import { leftOutBy } from '../left-out.js';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult, TestStatus } from '../../harness/results/test-result.js';
import { plainDiagnoses } from '../plain-diagnoses.js';
import { plainExplanation } from '../plain-explanation.js';
import type { ReportFormat } from '../report-format.js';
import { codeCell, escapeHtml, escapeText, fencedBlock } from './markdown-escape.js';
import { plural } from '../plural.js';

/** GitHub cuts a comment at 65536 characters (a step summary at 1 MiB): stay below, with room to say what was cut. */
const maxChars = 60_000;
const reserve = 1_000;
const maxExplanationLines = 60;
const maxExplanationChars = 4_000;
const maxLineChars = 300;
const maxCellChars = 200;

const marks: Record<TestStatus, string> = { passed: '✅', failed: '❌', error: '⚠️', skipped: '➖' };

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never end on half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/** Whitespace runs as one space, cut to fit a table cell or a summary line. */
function oneLine(text: string): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), maxCellChars);
}

/** At most the line and character limits: the head (what failed) and the tail (hint, replay), the middle cut. */
function boundedExplanation(text: string): string {
  const lines = text.split('\n').map((line) => shorten(line, maxLineChars));
  const length = lines.reduce((sum, line) => sum + line.length + 1, 0);
  if (lines.length <= maxExplanationLines && length <= maxExplanationChars) return lines.join('\n');
  const budget = maxExplanationChars - 40;
  let head = 0;
  let tail = 0;
  let used = 0;
  for (let turn = 0; head + tail < lines.length; turn++) {
    const fromHead = turn % 3 !== 2;
    const line = (fromHead ? lines[head] : lines[lines.length - 1 - tail]) ?? '';
    if (head + tail + 1 >= maxExplanationLines || used + line.length + 1 > budget) break;
    used += line.length + 1;
    if (fromHead) head++;
    else tail++;
  }
  const cut = lines.length - head - tail;
  return [...lines.slice(0, head), `… ${cut} lines cut …`, ...lines.slice(lines.length - tail)].join('\n');
}

function heading(report: RunReport): string {
  const summary = report.summary;
  const leftOut = report.tests.filter((test) => leftOutBy(test) !== undefined).length;
  const skipped = summary.skipped - leftOut;
  const counts = [
    `${summary.passed} passed`,
    `${summary.failed} failed`,
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
    ...(leftOut > 0 ? [`${leftOut} not selected`] : []),
    ...(summary.errors > 0 ? [plural(summary.errors, 'error')] : []),
  ];
  return `### conform · ${escapeText(oneLine(report.suite))}: ${summary.score}/${summary.maxScore} points — ${counts.join(', ')} · seed ${report.seed} · conform ${escapeText(oneLine(report.conformVersion))}`;
}

function row(test: TestResult): string {
  const title = escapeText(oneLine(test.title));
  const titleCell =
    test.skipReason === undefined ? title : `${title} (${escapeText(oneLine(test.skipReason))})`;
  // A test left out by --only or --skip has no score at all, not a score of 0.
  const points = leftOutBy(test) === undefined ? `${test.score}/${test.maxScore}` : '–';
  return `| ${marks[test.status]} | ${codeCell(oneLine(test.id))} | ${titleCell} | ${points} |`;
}

function details(test: TestResult): string {
  const message = test.failure?.message ?? `${test.status} with no explanation recorded`;
  const explanation = plainExplanation(test);
  return [
    `<details><summary><code>${escapeHtml(oneLine(test.id))}</code> — ${escapeHtml(oneLine(message))}</summary>`,
    '',
    ...(explanation.trim() === '' ? [] : [fencedBlock(boundedExplanation(explanation)), '']),
    '</details>',
    '',
  ].join('\n');
}

/** How many of the blocks fit in `room` characters, each followed by a newline. */
function countFitting(blocks: readonly string[], room: number): number {
  let used = 0;
  const index = blocks.findIndex((block) => (used += block.length + 1) > room);
  return index === -1 ? blocks.length : index;
}

function summaryMarkdown(report: RunReport): string {
  const lines = [heading(report), '', '| | Test | Title | Points |', '|:-:|---|---|--:|'];
  const rows = report.tests.map(row);
  const shownRows = countFitting(rows, maxChars - reserve - lines.join('\n').length);
  lines.push(...rows.slice(0, shownRows));
  if (shownRows < rows.length) {
    lines.push(
      '',
      `… cut: ${rows.length - shownRows} more tests are not listed, to keep this text under ${maxChars} characters.`,
    );
  }
  const diagnoses = plainDiagnoses(report);
  if (diagnoses.length > 0) {
    lines.push(
      '',
      `#### ${escapeText(diagnoses[0] ?? '')}`,
      '',
      fencedBlock(boundedExplanation(diagnoses.slice(2).join('\n'))),
    );
  }
  const sections = report.tests
    .filter((test) => test.status === 'failed' || test.status === 'error')
    .map(details);
  const shownSections = countFitting(sections, maxChars - reserve - lines.join('\n').length - 2);
  if (sections.length > 0) lines.push('', ...sections.slice(0, shownSections));
  if (shownSections < sections.length) {
    lines.push(
      `… cut: the explanations of ${sections.length - shownSections} more failing tests are not shown, to keep this text under ${maxChars} characters.`,
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A summary for a pull-request or merge-request comment, or a GitHub step summary. */
export const markdownFormat: ReportFormat = {
  name: 'markdown',
  description: 'a summary in GitHub-flavoured Markdown, for a pull-request comment or a step summary',
  fileName: 'summary.md',
  format: summaryMarkdown,
};
