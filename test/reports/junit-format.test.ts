import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/results/run-report.js';
import type { FailureReport, TestResult } from '../../harness/results/test-result.js';
import { junitFormat } from '../../reports/junit/junit-format.js';
import { plainExplanation } from '../../reports/plain-explanation.js';
import type { FormatContext } from '../../reports/report-format.js';
import { emptyFailure, reportOf, sampleFailure, sampleReport } from '../support/sample-report.js';

interface Outcome {
  readonly message?: string;
  readonly type?: string;
  readonly '#text'?: string;
}

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly time: string;
  readonly failure?: Outcome | '';
  readonly error?: Outcome | '';
  readonly skipped?: { readonly message?: string } | '';
  readonly 'system-out'?: string;
  readonly 'system-err'?: string;
}

interface Counts {
  readonly name: string;
  readonly tests: string;
  readonly failures: string;
  readonly errors: string;
  readonly skipped: string;
  readonly time: string;
  readonly timestamp: string;
}

interface JUnitDocument {
  readonly testsuites: Counts & {
    readonly testsuite: Counts & {
      readonly properties: { readonly property: readonly { name: string; value: string }[] };
      readonly testcase?: readonly TestCase[];
    };
  };
}

const context: FormatContext = { visibility: () => 'visible' };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && (name === 'testcase' || name === 'property'),
});

/** The report as JUnit XML, checked well-formed first, then parsed. */
function junitOf(report: RunReport): JUnitDocument {
  const xml = junitFormat.format(report, context);
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as JUnitDocument;
}

function casesOf(report: RunReport): readonly TestCase[] {
  return junitOf(report).testsuites.testsuite.testcase ?? [];
}

const failed = sampleReport.tests[1] as TestResult;

function withFailure(failure: Partial<FailureReport>, status: TestResult['status'] = 'failed'): TestResult {
  return { ...failed, status, failure: { ...sampleFailure, ...failure } };
}

describe('the JUnit format', () => {
  it('counts what the summary counts, in the suite and in the whole file', () => {
    const { testsuites } = junitOf(sampleReport);
    const counts = { tests: '3', failures: '1', errors: '0', skipped: '1', time: '2.100' };
    expect(testsuites).toMatchObject({ name: 'conform', ...counts, timestamp: sampleReport.startedAt });
    expect(testsuites.testsuite).toMatchObject({ name: 'conform echo', ...counts });
    expect(testsuites.testsuite.properties.property).toEqual([
      { name: 'seed', value: '7' },
      { name: 'conformVersion', value: '0.1.0' },
      { name: 'targetCommand', value: 'server.c' },
      { name: 'score', value: '1' },
      { name: 'maxScore', value: '2' },
    ]);
  });

  it('has one test case per test, in suite order, named by the stable id, timed in seconds', () => {
    expect(casesOf(sampleReport).map(({ classname, name, time }) => ({ classname, name, time }))).toEqual([
      { classname: 'echo', name: 'echo.accept', time: '0.012' },
      { classname: 'echo', name: 'echo.binary', time: '2.040' },
      { classname: 'echo', name: 'echo.large', time: '0.000' },
    ]);
  });

  it('gives a failure its message, its kind, and the whole explanation with hint and replay', () => {
    const failure = casesOf(sampleReport)[1]?.failure as Outcome;
    expect(failure.message).toBe(sampleFailure.message);
    expect(failure.type).toBe('timeout');
    expect(failure['#text']).toBe(plainExplanation(failed));
    expect(failure['#text']).toContain(`Hint         ${sampleFailure.hint}`);
    expect(failure['#text']).toContain(`Replay       ${sampleFailure.replay}`);
  });

  it('marks a skipped test with its reason and carries the server output of a failed one', () => {
    const [passed, failing, skipped] = casesOf(sampleReport);
    expect(passed).not.toHaveProperty('failure');
    expect(skipped?.skipped).toEqual({ message: 'skipped by --skip' });
    expect(failing?.['system-out']).toBe('listening on 127.0.0.1:4000');
    expect(failing?.['system-err']).toBe('warning: something odd');
  });

  it('reports a test conform could not judge as an error, not a failure', () => {
    const report = reportOf([withFailure({ kind: 'startup', message: 'exited before listening' }, 'error')]);
    const { testsuites } = junitOf(report);
    expect(testsuites).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(testsuites.testsuite.testcase?.[0]?.error).toMatchObject({
      message: 'exited before listening',
      type: 'startup',
    });
    expect(testsuites.testsuite.testcase?.[0]).not.toHaveProperty('failure');
  });

  it('escapes markup and replaces characters XML forbids, whatever the server printed', () => {
    const hostile = '\u0000\u001b[31m]]></system-out><x>&';
    const report = reportOf([
      withFailure({
        message: `"quoted" 'single' <tag> & true`,
        serverOutputTail: { stdout: hostile, stderr: 'lone \uD800 and \uFFFF, kept 😀' },
      }),
    ]);
    const [testCase] = casesOf(report);
    expect(testCase?.['system-out']).toBe('\\x00\\x1b[31m]]></system-out><x>&');
    expect(testCase?.['system-err']).toBe('lone \uFFFD and \uFFFD, kept 😀');
    expect((testCase?.failure as Outcome).message).toBe(`"quoted" 'single' <tag> & true`);
    expect((testCase?.failure as Outcome)['#text']).toContain('\\x00\\x1b[31m]]></system-out><x>&');
  });

  it('keeps an attribute whose value is "true" a value, and a message one line', () => {
    const report = reportOf([withFailure({ message: 'true' }), withFailure({ message: 'one\ntwo' })]);
    const [first, second] = casesOf(report);
    expect((first?.failure as Outcome).message).toBe('true');
    expect((second?.failure as Outcome).message).toBe('one two');
  });

  it('does not throw on sparse failures, empty output, missing failures, or no tests', () => {
    const sparse = withFailure(emptyFailure);
    const bare: TestResult = { ...failed, status: 'error', failure: undefined };
    const cases = casesOf(reportOf([sparse, bare, withFailure({ serverOutputTail: null }, 'error')]));
    expect(cases).toHaveLength(3);
    expect(cases[0]).not.toHaveProperty('system-out');
    expect(cases[1]?.error).toEqual({ message: 'error' });
    expect(junitOf(reportOf([])).testsuites.tests).toBe('0');
  });

  it('writes the sample report as in the snapshot', async () => {
    await expect(junitFormat.format(sampleReport, context)).toMatchFileSnapshot(
      './__snapshots__/sample.junit.xml',
    );
  });
});
