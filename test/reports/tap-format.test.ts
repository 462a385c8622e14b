import { Parser } from 'tap-parser';
import type { FinalResults, Result } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/results/run-report.js';
import { summarize } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { plainExplanation } from '../../reports/plain-explanation.js';
import type { FormatContext } from '../../reports/report-format.js';
import { tapFormat } from '../../reports/tap/tap-format.js';
import { sampleFailure, sampleReport } from '../support/sample-report.js';

interface ParsedTap {
  readonly results: FinalResults;
  readonly points: readonly Result[];
  readonly comments: readonly string[];
}

const context: FormatContext = { visibility: () => 'visible' };

/** The report as TAP, read back by a strict TAP 14 parser (a line it cannot read fails the run). */
function tapOf(report: RunReport): ParsedTap {
  const points: Result[] = [];
  const comments: string[] = [];
  let results: FinalResults | undefined;
  const parser = new Parser({ strict: true }, (final) => {
    results = final;
  });
  parser.on('assert', (point: Result) => points.push(point));
  parser.on('comment', (comment: string) => comments.push(comment));
  parser.end(tapFormat.format(report, context));
  if (results === undefined) throw new Error('the TAP parser never completed');
  return { results, points, comments };
}

/** Parse errors of the stream itself, as opposed to failed test points. */
function tapErrors(results: FinalResults): unknown[] {
  return results.failures.filter((failure) => failure.tapError !== null && failure.tapError !== undefined);
}

function reportOf(tests: TestResult[]): RunReport {
  return { ...sampleReport, summary: summarize(tests), tests };
}

const [passed, failed, skipped] = sampleReport.tests as [TestResult, TestResult, TestResult];

describe('the TAP format', () => {
  it('parses without errors, and counts what the summary counts', () => {
    const { results, points } = tapOf(sampleReport);
    expect(tapErrors(results)).toEqual([]);
    expect(results.bailout).toBe(false);
    expect(results.ok).toBe(false);
    expect(results.plan).toMatchObject({ start: 1, end: 3 });
    const { summary } = sampleReport;
    expect(results).toMatchObject({
      count: summary.total,
      fail: summary.failed + summary.errors,
      skip: summary.skipped,
      pass: summary.passed + summary.skipped,
    });
    expect(points.map((point) => point.name)).toEqual([
      'echo.accept - accepts a TCP connection after starting',
      'echo.binary - binary data comes back byte for byte',
      'echo.large - 16 MiB written while reading comes back exactly',
    ]);
    expect(points[2]?.skip).toBe('skipped by --skip');
  });

  it('is ok when nothing failed', () => {
    expect(tapOf(reportOf([passed, skipped])).results.ok).toBe(true);
  });

  it('gives a failing test YAML diagnostics with kind, hint, replay and the explanation', () => {
    const diag = tapOf(sampleReport).points[1]?.diag as Record<string, unknown>;
    expect(diag).toEqual({
      message: sampleFailure.message,
      severity: 'fail',
      kind: 'timeout',
      hint: sampleFailure.hint,
      replay: sampleFailure.replay,
      explanation: plainExplanation(failed),
      serverOutputTail: sampleFailure.serverOutputTail,
    });
  });

  it('keeps a title with # and \\ in it one test, not a directive', () => {
    const title = 'tricky # SKIP not really \\# still title\nsecond line';
    const { results, points } = tapOf(reportOf([{ ...passed, title }]));
    expect(tapErrors(results)).toEqual([]);
    expect(results).toMatchObject({ count: 1, pass: 1, skip: 0 });
    expect(points[0]?.name).toBe(`echo.accept - ${title.replace('\n', ' ')}`);
  });

  it('reports an error with severity error, and every test an error without throwing', () => {
    const error: TestResult = {
      ...failed,
      status: 'error',
      failure: { ...sampleFailure, kind: 'startup', hint: null, replay: null, serverOutputTail: null },
    };
    const bare: TestResult = { ...failed, status: 'error', failure: undefined };
    const { results, points } = tapOf(reportOf([error, bare]));
    expect(tapErrors(results)).toEqual([]);
    expect(results).toMatchObject({ ok: false, count: 2, fail: 2 });
    expect(points[0]?.diag).toMatchObject({ severity: 'error', kind: 'startup' });
    expect(points[0]?.diag).not.toHaveProperty('hint');
    expect(points[1]?.diag).toEqual({ message: 'error', severity: 'error' });
  });

  it('keeps a server output tail readable YAML, whatever bytes it holds', () => {
    const stdout = '\u0000\u001b[31m\r\n  ...\n---\n#';
    const report = reportOf([
      { ...failed, failure: { ...sampleFailure, serverOutputTail: { stdout, stderr: '' } } },
    ]);
    const { results, points } = tapOf(report);
    expect(tapErrors(results)).toEqual([]);
    expect(points[0]?.diag).toMatchObject({ serverOutputTail: { stdout: '\\x00\\x1b[31m\n  ...\n---\n#' } });
  });

  it('ends with a comment naming the suite, seed and score', () => {
    expect(tapOf(sampleReport).comments).toContain('# conform echo seed 7: score 1/2\n');
  });

  it('writes the sample report as in the snapshot', async () => {
    await expect(tapFormat.format(sampleReport, context)).toMatchFileSnapshot('./__snapshots__/sample.tap');
  });
});
