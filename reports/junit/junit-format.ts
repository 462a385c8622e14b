import { XMLBuilder } from 'fast-xml-parser';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { plainExplanation } from '../plain-explanation.js';
import type { ReportFormat } from '../report-format.js';

type XmlNode = Record<string, unknown>;

/** Any character outside XML 1.0's `Char`: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text XML 1.0 can carry: a server's output may hold any byte, and one forbidden character makes the
 * whole file unreadable. Controls become `\xNN` (as conform writes bytes elsewhere), the rest U+FFFD.
 */
function xmlSafe(text: string): string {
  return text.replace(notXmlChar, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : '\uFFFD';
  });
}

/** Parsers fold an attribute's line breaks into spaces anyway; doing it here keeps the file honest. */
function attributeSafe(text: string): string {
  return xmlSafe(text).replace(/\s*[\r\n]+\s*/g, ' ');
}

// The builder escapes & < > " ' in every value (processEntities); "true" must stay `a="true"`, not `a`.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
  tagValueProcessor: (_name, value) => xmlSafe(String(value)),
  attributeValueProcessor: (_name, value) => attributeSafe(String(value)),
});

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The outcome element of a failed or errored test: its message, its kind, and the whole explanation. */
function outcome(result: TestResult): XmlNode {
  const failure = result.failure;
  const element = {
    '@_message': failure?.message ?? result.status,
    '@_type': failure?.kind,
    '#text': plainExplanation(result),
  };
  return result.status === 'error' ? { error: element } : { failure: element };
}

function testCase(result: TestResult, suite: string): XmlNode {
  const output = result.failure?.serverOutputTail;
  return {
    '@_classname': suite,
    '@_name': result.id,
    '@_time': seconds(result.durationMs),
    ...(result.status === 'skipped' ? { skipped: { '@_message': result.skipReason } } : {}),
    ...(result.status === 'failed' || result.status === 'error' ? outcome(result) : {}),
    ...(output?.stdout ? { 'system-out': output.stdout } : {}),
    ...(output?.stderr ? { 'system-err': output.stderr } : {}),
  };
}

function counts(report: RunReport): XmlNode {
  const { summary } = report;
  return {
    '@_tests': summary.total,
    '@_failures': summary.failed,
    '@_errors': summary.errors,
    '@_skipped': summary.skipped,
    '@_time': seconds(report.durationMs),
    '@_timestamp': report.startedAt,
  };
}

function properties(report: RunReport): XmlNode {
  const values: [string, string | number][] = [
    ['seed', report.seed],
    ['conformVersion', report.conformVersion],
    ['targetCommand', report.target.command],
    ['score', report.summary.score],
    ['maxScore', report.summary.maxScore],
  ];
  return { property: values.map(([name, value]) => ({ '@_name': name, '@_value': value })) };
}

/** The run as one JUnit test suite, the dialect GitLab, Jenkins and the GitHub test-report actions read. */
export const junitFormat: ReportFormat = {
  name: 'junit',
  description: 'JUnit XML, for GitLab, Jenkins and GitHub test-report actions',
  fileName: 'junit.xml',
  format: (report) =>
    builder.build({
      '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
      testsuites: {
        '@_name': 'conform',
        ...counts(report),
        testsuite: {
          '@_name': `conform ${report.suite}`,
          ...counts(report),
          properties: properties(report),
          testcase: report.tests.map((result) => testCase(result, report.suite)),
        },
      },
    }),
};
