import type { RunReport } from '../../../harness/results/run-report.js';
import type { Exchange, FailureReport, TestResult } from '../../../harness/results/test-result.js';
import { failingTest, reportOf, sampleReport } from '../../support/sample-report.js';

/** What a hostile server sends: markup that would run if a page let it through. */
export const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

/** A run of c1 and c2: c2's read fails with wrong bytes, and the bytes it waited for never come. */
export const sampleExchange: Exchange = {
  omitted: 0,
  steps: [
    { atMs: 0.4, conn: 'c1', kind: 'connect', detail: '127.0.0.1:4000 from port 50000' },
    { atMs: 0.6, conn: 'c2', kind: 'connect', detail: '127.0.0.1:4000 from port 50002' },
    { atMs: 0.7, conn: 'c1', kind: 'write', bytes: '"hello\\n"', size: 6 },
    { atMs: 0.8, conn: 'c1', kind: 'expect', bytes: '"hello\\n"', size: 6 },
    { atMs: 1.2, conn: 'c1', kind: 'read', bytes: '"hello\\n"', size: 6 },
    { atMs: 1.3, conn: 'c2', kind: 'write', bytes: '"ab\\x00c"', size: 4 },
    { atMs: 1.4, conn: 'c2', kind: 'expect', bytes: '"ab\\x00c"', size: 4 },
    { atMs: 1.9, conn: 'c2', kind: 'read', bytes: '"abX"', size: 3, failing: true, outcome: 'got "abX"' },
    { atMs: 2.0, conn: 'c2', kind: 'expect', bytes: '"\\x00c"', size: 2, missing: true },
    { atMs: 2.1, conn: 'c1', kind: 'close' },
  ],
};

/** sampleReport with its failing test carrying the exchange above. */
export const reportWithExchange: RunReport = {
  ...sampleReport,
  tests: sampleReport.tests.map((test) =>
    test.failure === undefined ? test : { ...test, failure: { ...test.failure, exchange: sampleExchange } },
  ),
};

/** Every text of a failure the server can put words in, and the names around it, made hostile. */
export function hostileReport(): RunReport {
  const failure: Partial<FailureReport> = {
    message: `c1 expected "ok" but received "${hostile}"`,
    counterexample: [`c1.write("${hostile}")`, `expect c1 to read "ok"  ✗ got "${hostile}"`],
    serverOutputTail: { stdout: hostile, stderr: `${hostile}\n` },
    hint: hostile,
    expected: '"ok"',
    actual: `"${hostile}"`,
    replay: `npx conform "${hostile}" --only echo.binary`,
    exchange: {
      omitted: 0,
      steps: [
        { atMs: 0.1, conn: hostile, kind: 'connect' },
        { atMs: 0.2, conn: hostile, kind: 'write', bytes: `"${hostile}"`, size: 60 },
        {
          atMs: 0.3,
          conn: hostile,
          kind: 'read',
          bytes: `"${hostile}"`,
          size: 60,
          failing: true,
          outcome: hostile,
        },
        { atMs: 0.4, conn: '#', kind: 'note', detail: hostile },
        { atMs: 0.5, conn: hostile, kind: 'expect', detail: hostile, missing: true },
      ],
    },
  };
  const test: TestResult = { ...failingTest('echo.binary', failure, hostile), requirement: hostile };
  return reportOf([test], hostile);
}
