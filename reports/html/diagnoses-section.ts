import type { RunReport } from '../../harness/results/run-report.js';
import { problemsFound } from '../terminal/format-diagnoses.js';
import { clip, escapeHtml } from './escape-html.js';
import { testAnchor } from './test-anchor.js';

const maxHintChars = 2000;

/** The problems the failures show, each once, before the failures: the fix, the tests, the shortest script. */
export function diagnosesSection(report: RunReport): string[] {
  const found = problemsFound(report);
  if (found === undefined) return [];
  const link = (id: string): string =>
    `<a href="#${testAnchor(id)}"><code>${escapeHtml(clip(id, 200))}</code></a>`;
  const items = (report.diagnoses ?? []).map((diagnosis) => {
    const script =
      diagnosis.script === null
        ? ''
        : `<p>Shortest script (${link(diagnosis.script.test)}):</p><pre>${escapeHtml(diagnosis.script.lines.join('\n'))}</pre>`;
    return [
      '<li>',
      `<p><strong><code>${escapeHtml(diagnosis.cause)}</code></strong> — explains ${diagnosis.tests.map(link).join(', ')}</p>`,
      `<p class="hint">${escapeHtml(clip(diagnosis.hint, maxHintChars))}</p>`,
      script,
      '</li>',
    ].join('');
  });
  return [
    '<h2>Diagnosis</h2>',
    `<p>${escapeHtml(found)}.</p>`,
    `<ol class="diagnoses">${items.join('\n')}</ol>`,
  ];
}
