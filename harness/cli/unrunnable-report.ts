import { defaults } from '../config/defaults.js';
import type { RawOptions } from '../config/resolve-config.js';
import { runReport, type RunReport } from '../results/run-report.js';
import { plainFailure } from '../runner/failure-report.js';
import { notRun } from '../runner/not-run.js';
import { suites } from '../../suites/index.js';
import { conformVersion } from './version.js';

/**
 * The report of a run that could not begin (a missing server file, a bad option), so that a grader
 * asking for --json still gets a file, with every test marked as not run and why.
 */
export function unrunnableReport(options: RawOptions, target: string, message: string): RunReport {
  const name = options.suite ?? defaults.suite;
  const failure = plainFailure('startup', `not run: ${message}`);
  const seed = Number(options.seed);
  return runReport({
    conformVersion: conformVersion(),
    suite: name,
    seed: Number.isSafeInteger(seed) ? seed : 0,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    target: { command: target, port: null },
    tests: (suites.get(name)?.tests ?? []).map((test) => notRun(test, 'error', { failure })),
  });
}
