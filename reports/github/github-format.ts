import { normalize } from 'node:path';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { markdownFormat } from '../markdown/markdown-format.js';
import type { ReportFormat } from '../report-format.js';
import { plural } from '../plural.js';

const maxMessageChars = 4_000;

/** Workflow-command data, escaped as @actions/core does: `%` first, so the runner's unescaping is exact. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value also must not hold the `:` and `,` that separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** `::name key=value,key=value::message`; like the toolkit, a property without a value is left out. */
function workflowCommand(
  name: string,
  properties: Record<string, string | undefined>,
  message: string,
): string {
  const pairs = Object.entries(properties).flatMap(([key, value]) =>
    value === undefined || value === '' ? [] : [`${key}=${escapeProperty(value)}`],
  );
  return `::${name}${pairs.length === 0 ? '' : ` ${pairs.join(',')}`}::${escapeData(message)}`;
}

/** The server's file, when the target was one (a command given after `--` is not a source position). */
function serverFile(report: RunReport): string | undefined {
  const command = report.target.command;
  const given = command.trim();
  // GitHub matches the path against the repository's files: `./server.c` must read `server.c`.
  return given === '' || given === '--' || given.startsWith('-- ') ? undefined : normalize(command);
}

function annotationMessage(test: TestResult): string {
  const failure = test.failure;
  const lines = [failure?.message || `${test.status} with no explanation recorded`];
  if (failure?.hint) lines.push(`Hint: ${failure.hint}`);
  if (failure?.replay) lines.push(`Replay: ${failure.replay}`);
  const message = lines.join('\n');
  return message.length <= maxMessageChars ? message : `${message.slice(0, maxMessageChars)}… (cut)`;
}

function totals(report: RunReport): string {
  const { passed, failed, skipped, errors, score, maxScore } = report.summary;
  return `${score}/${maxScore} points: ${passed} passed, ${failed} failed, ${skipped} skipped, ${plural(errors, 'error')} (seed ${report.seed}, conform ${report.conformVersion})`;
}

/** One error annotation per failed or errored test, then a notice with the totals. */
function annotations(report: RunReport): string {
  const file = serverFile(report);
  const errors = report.tests
    .filter((test) => test.status === 'failed' || test.status === 'error')
    .map((test) => workflowCommand('error', { title: test.id, file }, annotationMessage(test)));
  const notice = workflowCommand('notice', { title: `conform ${report.suite}` }, totals(report));
  return `${[...errors, notice].join('\n')}\n`;
}

/** GitHub Actions workflow commands, to print in a step; the Markdown summary for GITHUB_STEP_SUMMARY. */
export const githubFormat: ReportFormat = {
  name: 'github',
  description: 'GitHub Actions annotations, one per failing test, and a step summary in Markdown',
  fileName: 'github-annotations.txt',
  format: annotations,
  stepSummary: (report, context) => markdownFormat.format(report, context),
};
