import { stringify } from 'yaml';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { plainExplanation } from '../plain-explanation.js';
import type { ReportFormat } from '../report-format.js';

/** TAP is read line by line: a line break or a control character in a title would end the test point. */
function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** A description or reason with `\` and `#` escaped as TAP 14 asks, so no `#` starts a directive. */
function tapText(text: string): string {
  return oneLine(text).replace(/[\\#]/g, (char) => `\\${char}`);
}

/** Control characters as `\xNN` (as conform writes bytes elsewhere), so YAML keeps a long text a block. */
function visible(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The YAML diagnostics of a test that did not pass: what a harness shows beside `not ok`. */
function diagnostics(result: TestResult): Record<string, unknown> {
  const failure = result.failure;
  const output = failure?.serverOutputTail;
  const tails = {
    ...(output?.stdout ? { stdout: visible(output.stdout) } : {}),
    ...(output?.stderr ? { stderr: visible(output.stderr) } : {}),
  };
  return {
    message: failure?.message ?? result.status,
    severity: result.status === 'error' ? 'error' : 'fail',
    ...(failure ? { kind: failure.kind } : {}),
    ...(failure?.hint != null ? { hint: failure.hint } : {}),
    ...(failure?.replay != null ? { replay: failure.replay } : {}),
    ...(failure ? { explanation: visible(plainExplanation(result)) } : {}),
    ...(Object.keys(tails).length > 0 ? { serverOutputTail: tails } : {}),
  };
}

/** A YAML block, indented two spaces under its test point as TAP 14 requires. */
function yamlBlock(data: Record<string, unknown>): string[] {
  // No folding: a long line stays one line, as the terminal prints it.
  const yaml = stringify(data, { lineWidth: 0 }).trimEnd();
  return ['  ---', ...yaml.split('\n').map((line) => `  ${line}`), '  ...'];
}

function testPoint(result: TestResult, number: number): string[] {
  const description = tapText(`${result.id} - ${result.title}`);
  switch (result.status) {
    case 'passed':
      return [`ok ${number} - ${description}`];
    case 'skipped': {
      const reason = tapText(result.skipReason ?? '');
      return [`ok ${number} - ${description} # SKIP${reason === '' ? '' : ` ${reason}`}`];
    }
    case 'failed':
    case 'error':
      return [`not ok ${number} - ${description}`, ...yamlBlock(diagnostics(result))];
  }
}

function runComment({ suite, seed, summary }: RunReport): string {
  return `# ${oneLine(`conform ${suite} seed ${seed}: score ${summary.score}/${summary.maxScore}`)}`;
}

/** The run as TAP version 14 (testanything.org), one test point per test of the suite. */
export const tapFormat: ReportFormat = {
  name: 'tap',
  description: 'TAP version 14, for any TAP harness',
  fileName: 'report.tap',
  format: (report) => {
    const lines = [
      'TAP version 14',
      `1..${report.tests.length}`,
      ...report.tests.flatMap((result, index) => testPoint(result, index + 1)),
      runComment(report),
    ];
    return `${lines.join('\n')}\n`;
  },
};
