import type { FailureReport, TestResult } from '../../harness/results/test-result.js';
import { clip, escapeHtml, lastChars } from './escape-html.js';
import { sequenceDiagram } from './sequence-diagram.js';
import { statusLabels } from './status-label.js';
import { testAnchor } from './test-anchor.js';
import { scriptIs } from '../script-is.js';

const maxLineChars = 300;
const maxScriptLines = 120;
const maxOutputChars = 8_000;
const maxParagraphChars = 4_000;

function lines(texts: readonly string[]): string {
  const shown = texts.slice(0, maxScriptLines).map((line) => escapeHtml(clip(line, maxLineChars)));
  if (texts.length > maxScriptLines) shown.push(`… ${texts.length - maxScriptLines} more lines not shown …`);
  return `<pre>${shown.join('\n')}</pre>`;
}

function paragraph(text: string, className?: string): string {
  const attribute = className === undefined ? '' : ` class="${className}"`;
  return `<p${attribute}>${escapeHtml(clip(text, maxParagraphChars))}</p>`;
}

function diagram(failure: FailureReport, anchor: string, conns: string): string {
  const exchange = failure.exchange;
  if (exchange === undefined || exchange.steps.length === 0) return '';
  const omitted =
    exchange.omitted > 0 ? ` ${exchange.omitted} steps of the run are left out where marked.` : '';
  return [
    '<h3>The failing run</h3>',
    `<figure class="diagram" tabindex="0" aria-describedby="${anchor}-legend">`,
    sequenceDiagram(
      exchange,
      `${anchor}-diagram`,
      `Sequence diagram of the failing run between ${conns} and the server`,
    ),
    '</figure>',
    `<p class="legend" id="${anchor}-legend">Time since the run began on the left; a lane per client and one for the server. Solid arrows: bytes written to the server and read from it, escaped and cut. Dashed arrow: a delivery expected that never arrived. ✗ marks the step where the test failed.${omitted}</p>`,
  ].join('\n');
}

function byteDifference(failure: FailureReport): string {
  if (failure.expected === null && failure.actual === null && failure.diff === null) return '';
  const rows: string[] = [];
  if (failure.expected !== null)
    rows.push(
      `<tr><th scope="row">expected</th><td>${escapeHtml(clip(failure.expected, maxLineChars))}</td></tr>`,
    );
  if (failure.actual !== null)
    rows.push(
      `<tr><th scope="row">received</th><td>${escapeHtml(clip(failure.actual, maxLineChars))}</td></tr>`,
    );
  const diff = failure.diff;
  const windows =
    diff === null
      ? ''
      : [
          `<p>First difference at byte ${diff.offset}: expected ${diff.expectedByte === null ? 'the end of the data' : `0x${diff.expectedByte.toString(16).padStart(2, '0')}`}, received ${diff.actualByte === null ? 'nothing more' : `0x${diff.actualByte.toString(16).padStart(2, '0')}`}. Bytes from ${diff.windowStart} on:</p>`,
          '<table class="diff"><thead><tr><th scope="col"></th><th scope="col">hex</th><th scope="col">text</th></tr></thead><tbody>',
          `<tr><th scope="row">expected</th><td>${escapeHtml(clip(diff.expectedHex, maxLineChars))}</td><td>${escapeHtml(clip(diff.expectedText, maxLineChars))}</td></tr>`,
          `<tr><th scope="row">received</th><td>${escapeHtml(clip(diff.actualHex, maxLineChars))}</td><td>${escapeHtml(clip(diff.actualText, maxLineChars))}</td></tr>`,
          '</tbody></table>',
        ].join('\n');
  return [
    '<h3>Byte difference</h3>',
    rows.length > 0 ? `<table class="diff"><tbody>${rows.join('')}</tbody></table>` : '',
    windows,
  ].join('\n');
}

function serverOutput(failure: FailureReport): string {
  const parts: string[] = [];
  const exit = failure.exit;
  if (exit !== null) {
    parts.push(
      paragraph(
        exit.signal !== null
          ? `The server was ended by ${exit.signal}.`
          : `The server exited with code ${exit.code ?? 'unknown'}.`,
      ),
    );
  }
  const tail = failure.serverOutputTail;
  for (const [name, text] of [
    ['stdout', tail?.stdout ?? ''],
    ['stderr', tail?.stderr ?? ''],
  ] as const) {
    if (text.trim() === '') continue;
    parts.push(`<h4>${name}</h4>`, `<pre>${escapeHtml(lastChars(text, maxOutputChars))}</pre>`);
  }
  return parts.length === 0 ? '' : ['<h3>The server’s output (last lines)</h3>', ...parts].join('\n');
}

function replay(command: string, anchor: string): string {
  const code = escapeHtml(clip(command, maxParagraphChars));
  return [
    '<h3>Replay</h3>',
    '<div class="replay">',
    `<pre><code id="${anchor}-replay">${code}</code></pre>`,
    `<button type="button" class="copy" data-copy="${code}" aria-controls="${anchor}-replay" aria-describedby="${anchor}-copied">Copy the replay command</button>`,
    `<span class="copied" id="${anchor}-copied" role="status"></span>`,
    '</div>',
  ].join('\n');
}

/**
 * A failed or errored test as a `<details>` section: what went wrong, the failing run drawn, the
 * counterexample script, the byte difference, the server's output, the hint and the replay command.
 */
export function failureSection(test: TestResult, open: boolean): string {
  const failure = test.failure;
  const anchor = testAnchor(test.id);
  const label = statusLabels[test.status];
  const conns = [
    ...new Set((failure?.exchange?.steps ?? []).map((step) => step.conn).filter((conn) => conn !== '#')),
  ];
  return [
    `<details class="failure failure-${test.status}" id="${anchor}"${open ? ' open' : ''}>`,
    `<summary><span class="status status-${test.status}">${label.symbol} ${label.word}</span> <code>${escapeHtml(clip(test.id, 200))}</code> — ${escapeHtml(clip(test.title, 300))}</summary>`,
    paragraph(failure?.message ?? `${test.status} with no explanation recorded`, 'message'),
    paragraph(`Requirement: ${test.requirement}`, 'requirement'),
    failure === undefined
      ? ''
      : diagram(failure, anchor, conns.length === 0 ? 'the clients' : conns.slice(0, 10).join(', ')),
    failure?.counterexample === null || failure?.counterexample === undefined
      ? ''
      : `<h3>Counterexample (${scriptIs(failure)})</h3>\n${lines(failure.counterexample)}`,
    failure === undefined ? '' : byteDifference(failure),
    failure === undefined ? '' : serverOutput(failure),
    failure?.hint === null || failure?.hint === undefined ? '' : `<h3>Hint</h3>\n${paragraph(failure.hint)}`,
    failure?.replay === null || failure?.replay === undefined ? '' : replay(failure.replay, anchor),
    failure !== undefined && failure.counterexample === null && failure.transcript.length > 0
      ? `<h3>Details</h3>\n${lines(failure.transcript)}`
      : '',
    '</details>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
