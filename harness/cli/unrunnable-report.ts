import { defaults } from '../config/defaults.js';
import type { RawOptions } from '../config/resolve-config.js';
import { summarize, type RunReport } from '../results/run-report.js';
import type { TestResult } from '../results/test-result.js';
import { plainFailure } from '../runner/failure-report.js';
import { suites } from '../../suites/index.js';
import { conformVersion } from './version.js';

/**
 * The report of a run that could not begin (a missing server file, a bad option), so that a grader
 * asking for --json still gets a file, with every test marked as not run and why.
 */
export function unrunnableReport(options: RawOptions, target: string, message: string): RunReport {
  const name = options.suite ?? defaults.suite;
  const tests: TestResult[] = (suites.get(name)?.tests ?? []).map((test) => ({
    id: test.id,
    title: test.title,
    requirement: test.requirement,
    status: 'error',
    durationMs: 0,
    score: 0,
    maxScore: test.points ?? 1,
    failure: plainFailure('startup', `not run: ${message}`),
  }));
  const seed = Number(options.seed);
  return {
    schemaVersion: 1,
    conformVersion: conformVersion(),
    suite: name,
    seed: Number.isSafeInteger(seed) ? seed : 0,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    target: { command: target, port: null },
    summary: summarize(tests),
    tests,
  };
}
