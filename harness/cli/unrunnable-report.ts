import { defaults } from '../config/defaults.js';
import type { RawOptions } from '../config/resolve-config.js';
import type { RunReport } from '../results/run-report.js';
import { plainFailure } from '../runner/failure-report.js';
import { notRunReport } from '../runner/not-run-report.js';
import { suites } from '../../suites/index.js';

/**
 * The report of a run that could not begin (a missing server file, a bad option), so that a grader
 * asking for reports still gets them, with every test marked as not run and why.
 */
export function unrunnableReport(options: RawOptions, target: string, message: string): RunReport {
  const name = options.suite ?? defaults.suite;
  const seed = Number(options.seed);
  return notRunReport({
    suite: suites.get(name),
    suiteName: name,
    seed: Number.isSafeInteger(seed) ? seed : 0,
    target,
    failure: plainFailure('startup', `not run: ${message}`),
  });
}
