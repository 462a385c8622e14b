import type { RunReport } from '../../harness/results/run-report.js';
import { summarize } from '../../harness/results/run-report.js';
import type { FailureReport, TestResult } from '../../harness/results/test-result.js';

export const sampleFailure: FailureReport = {
  kind: 'timeout',
  message: 'c1 expected "ab\\x00c" but received only "ab", then nothing more for 2000 ms',
  counterexample: [
    'c1 = connect()',
    'c1.write("ab\\x00c")',
    'expect c1 to read "ab\\x00c"  ✗ got "ab", then nothing for 2000 ms',
  ],
  transcript: ['     0.3 ms  c1     connect', '     0.5 ms  c1     write 4 B "ab\\x00c"'],
  replay: 'npx conform server.c --only echo.binary --seed 7',
  serverOutputTail: { stdout: 'listening on 127.0.0.1:4000\n', stderr: 'warning: something odd\n' },
  exit: { code: null, signal: 'SIGSEGV' },
  hint: 'Use the byte count that recv() returned, never strlen().',
  cause: 'nul-cut',
  expected: '"ab\\x00c"',
  actual: '"ab"',
  diff: {
    offset: 2,
    expectedByte: 0,
    actualByte: null,
    windowStart: 0,
    expectedHex: '61 62 00 63',
    actualHex: '61 62',
    expectedText: 'ab.c',
    actualText: 'ab',
  },
};

const tests: TestResult[] = [
  {
    id: 'echo.accept',
    title: 'accepts a TCP connection after starting',
    requirement: 'The server MUST accept TCP connections on its port once it has started.',
    status: 'passed',
    durationMs: 12,
    score: 1,
    maxScore: 1,
  },
  {
    id: 'echo.binary',
    title: 'binary data comes back byte for byte',
    requirement: 'The server MUST treat the data as bytes.',
    status: 'failed',
    durationMs: 2040,
    score: 0,
    maxScore: 1,
    failure: sampleFailure,
  },
  {
    id: 'echo.large',
    title: '16 MiB written while reading comes back exactly',
    requirement: 'The server MUST echo any amount of data on one connection.',
    status: 'skipped',
    durationMs: 0,
    score: 0,
    maxScore: 1,
    skipReason: 'skipped by --skip',
  },
];

/** A small report with one pass, one failure (every failure field filled) and one skip. */
export const sampleReport: RunReport = {
  schemaVersion: 1,
  conformVersion: '0.1.0',
  suite: 'echo',
  seed: 7,
  startedAt: '2026-11-24T10:00:00.000Z',
  durationMs: 2100,
  target: { command: 'server.c', port: 4000 },
  summary: summarize(tests),
  tests,
};

/** A failure with sampleFailure's kind and message and every optional field empty. */
export const emptyFailure: FailureReport = {
  kind: sampleFailure.kind,
  message: sampleFailure.message,
  counterexample: null,
  transcript: [],
  replay: null,
  serverOutputTail: { stdout: '', stderr: '' },
  exit: null,
  hint: null,
  cause: null,
  expected: null,
  actual: null,
  diff: null,
};

/** sampleReport with these tests and their summary; given a target command, that target, with no port. */
export function reportOf(tests: TestResult[], targetCommand?: string): RunReport {
  const target = targetCommand === undefined ? sampleReport.target : { command: targetCommand, port: null };
  return { ...sampleReport, target, summary: summarize(tests), tests };
}

/** A failed test worth one point, its failure sampleFailure with these fields replaced. */
export function failingTest(
  id: string,
  failure: Partial<FailureReport> = {},
  title = 'a failing test',
): TestResult {
  return {
    id,
    title,
    requirement: 'The server MUST work.',
    status: 'failed',
    durationMs: 1,
    score: 0,
    maxScore: 1,
    failure: { ...sampleFailure, ...failure },
  };
}

/** Why no test of a run could be judged: the server exited before it listened. */
export const startupFailure: FailureReport = {
  ...sampleFailure,
  kind: 'startup',
  message: 'exited with code 4 before listening',
};

/** sampleReport as when the server never started: every test an error scoring 0, with startupFailure. */
export const startupErrorReport: RunReport = reportOf(
  sampleReport.tests.map((test) => ({ ...test, status: 'error', score: 0, failure: startupFailure })),
);
