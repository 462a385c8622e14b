import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { gradescopeFormat } from '../../reports/gradescope/gradescope-format.js';
import { plainExplanation } from '../../reports/plain-explanation.js';
import type { FormatContext, Visibility } from '../../reports/report-format.js';
import { emptyFailure, reportOf, sampleReport, startupErrorReport } from '../support/sample-report.js';

const visibilities = ['hidden', 'after_due_date', 'after_published', 'visible'];
const formats = ['text', 'html', 'simple_format', 'md', 'ansi'];

// Every field of results.json in the autograder specification (gradescope/autograder_samples, docs/specs.md).
const resultsSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'score',
    'execution_time',
    'output',
    'output_format',
    'visibility',
    'stdout_visibility',
    'tests',
  ],
  properties: {
    score: { type: 'number' },
    execution_time: { type: 'integer', minimum: 0 },
    output: { type: 'string' },
    output_format: { enum: formats },
    test_output_format: { enum: formats },
    test_name_format: { enum: formats },
    visibility: { enum: visibilities },
    stdout_visibility: { enum: visibilities },
    extra_data: { type: 'object' },
    leaderboard: { type: 'array' },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'number', 'score', 'max_score', 'status', 'output', 'output_format', 'visibility'],
        properties: {
          score: { type: 'number' },
          max_score: { type: 'number', minimum: 0 },
          status: { enum: ['passed', 'failed'] },
          name: { type: 'string', minLength: 1 },
          name_format: { enum: formats },
          number: { type: 'string', pattern: '^[0-9]+$' },
          output: { type: 'string' },
          output_format: { enum: formats },
          tags: { type: 'array', items: { type: 'string' } },
          visibility: { enum: visibilities },
          extra_data: { type: 'object' },
        },
      },
    },
  },
};

const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(resultsSchema);

interface Results {
  score: number;
  execution_time: number;
  output: string;
  tests: {
    name: string;
    number: string;
    score: number;
    max_score: number;
    status: string;
    output: string;
    visibility: string;
  }[];
}

const allVisible: FormatContext = { visibility: () => 'visible' };

function results(report: RunReport, context = allVisible): Results {
  const text = gradescopeFormat.format(report, context);
  expect(text.endsWith('\n')).toBe(true);
  const parsed: unknown = JSON.parse(text);
  expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return parsed as Results;
}

const [passed, failed, skipped] = sampleReport.tests as [TestResult, TestResult, TestResult];

describe('the Gradescope format', () => {
  it('writes results.json that matches the specification, without the skipped test', () => {
    const out = results(sampleReport);
    expect(out.tests.map((test) => test.name)).toEqual([
      `${passed.id} — ${passed.title}`,
      `${failed.id} — ${failed.title}`,
    ]);
    expect(out.tests.map((test) => test.status)).toEqual(['passed', 'failed']);
    expect(out.tests[1]?.output).toBe(plainExplanation(failed));
    expect(out.tests[0]?.output).toContain(passed.requirement);
    expect(out.execution_time).toBe(2);
    expect(out).not.toHaveProperty('max_score');
  });

  it('scores the sum of the tests, and the tests sum to the summary', () => {
    const out = results(sampleReport);
    expect(out.score).toBe(out.tests.reduce((sum, test) => sum + test.score, 0));
    expect(out.score).toBe(sampleReport.summary.score);
    expect(out.tests.reduce((sum, test) => sum + test.max_score, 0)).toBe(sampleReport.summary.maxScore);
  });

  it('numbers tests by their place in the suite', () => {
    const out = results(reportOf([skipped, passed, failed]));
    expect(out.tests.map((test) => test.number)).toEqual(['2', '3']);
  });

  it('takes each test’s visibility from the context, and keeps hidden tests out of the summary', () => {
    const hidden: Record<string, Visibility> = { [failed.id]: 'hidden' };
    const out = results(sampleReport, { visibility: (id) => hidden[id] ?? 'after_due_date' });
    expect(out.tests.map((test) => test.visibility)).toEqual(['after_due_date', 'hidden']);
    expect(out.output).not.toContain(failed.id);
    expect(out.output).not.toMatch(/Score/);
  });

  it('scores 0 when no test could be run, and says why', () => {
    const out = results(startupErrorReport);
    expect(out.score).toBe(0);
    expect(out.tests.map((test) => test.status)).toEqual(['failed', 'failed', 'failed']);
    expect(out.tests.reduce((sum, test) => sum + test.max_score, 0)).toBe(3);
    expect(out.output).toContain('exited with code 4 before listening');
  });

  it('keeps fractional points', () => {
    const out = results(
      reportOf([
        { ...passed, score: 0.5, maxScore: 0.5 },
        { ...failed, maxScore: 2.25 },
      ]),
    );
    expect(out.score).toBe(0.5);
    expect(out.tests.map((test) => test.max_score)).toEqual([0.5, 2.25]);
    expect(out.output).toContain('Score 0.5/2.75');
  });

  it('does not throw on a failure with every optional field empty, or one with none', () => {
    const out = results(
      reportOf([
        { ...failed, failure: emptyFailure },
        { ...failed, status: 'error', failure: undefined },
      ]),
    );
    expect(out.tests[1]?.output).toBe(failed.requirement);
    expect(results(reportOf([])).tests).toEqual([]);
  });

  it('summarizes the run for the student', () => {
    expect(results(sampleReport).output).toMatchInlineSnapshot(`
      "conform 0.1.0, suite echo, seed 7
      Score 1/2: 1 passed, 1 failed, 1 skipped (not graded)

      Failed:
        echo.binary — binary data comes back byte for byte"
    `);
  });
});
