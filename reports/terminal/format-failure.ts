import type { TestResult } from '../../harness/results/test-result.js';
import type { Palette } from './palette.js';
import { statusMark } from './status-mark.js';
import { scriptIs } from '../script-is.js';

const outputLines = 15;

function indent(lines: readonly string[], prefix = '      '): string[] {
  return lines.map((line) => `${prefix}${line}`);
}

function tailLines(text: string, count: number): string[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  return lines.length <= count
    ? lines
    : [`… (${lines.length - count} earlier lines)`, ...lines.slice(-count)];
}

/** The explanation of one failed test: what was required, what happened, the script, the server, a hint, a replay line. */
export function formatFailure(result: TestResult, colors: Palette, verbose: boolean): string[] {
  const failure = result.failure;
  if (failure === undefined) return [];
  const label = (text: string): string => colors.bold(text.padEnd(13));
  const lines = [
    `${statusMark(result.status, colors)} ${colors.bold(result.id)} — ${result.title}`,
    `  ${label('Requirement')}${result.requirement}`,
    `  ${label('What failed')}${failure.message}`,
  ];
  if (failure.expected !== null) lines.push(`  ${label('Expected')}${failure.expected}`);
  if (failure.actual !== null) lines.push(`  ${label('Received')}${failure.actual}`);
  if (failure.diff !== null && failure.diff.actualHex !== '') {
    const diff = failure.diff;
    lines.push(
      `  ${label('Difference')}at byte ${diff.offset} (bytes ${diff.windowStart}… shown)`,
      `      expected  ${colors.green(diff.expectedHex.padEnd(53))} ${diff.expectedText}`,
      `      received  ${colors.red(diff.actualHex.padEnd(53))} ${diff.actualText}`,
    );
  }
  if (failure.counterexample !== null && failure.counterexample.length > 0) {
    lines.push(`  ${colors.bold('Script')} (${scriptIs(failure)})`, ...indent(failure.counterexample));
  }
  if (failure.exit !== null) {
    const how =
      failure.exit.signal !== null
        ? `killed by ${failure.exit.signal}`
        : `exited with code ${failure.exit.code}`;
    lines.push(`  ${label('Server')}${colors.red(how)}`);
  }
  const output = failure.serverOutputTail;
  for (const [name, text] of [
    ['stderr', output?.stderr ?? ''],
    ['stdout', output?.stdout ?? ''],
  ] as const) {
    if (text.trim() === '') continue;
    lines.push(
      `  ${colors.bold(`${failure.kind === 'build' ? 'Build' : 'Server'} ${name}`)} (last lines)`,
      ...indent(tailLines(text, outputLines).map((line) => colors.dim(line))),
    );
  }
  if (verbose && failure.transcript.length > 0) {
    lines.push(`  ${colors.bold('Transcript')}`, ...indent(failure.transcript));
  }
  if (failure.hint !== null) lines.push(`  ${label('Hint')}${colors.yellow(failure.hint)}`);
  if (failure.replay !== null) lines.push(`  ${label('Replay')}${colors.cyan(failure.replay)}`);
  return lines;
}
