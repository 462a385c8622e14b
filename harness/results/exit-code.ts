import type { RunReport } from './run-report.js';

/** The documented exit codes of `conform`. */
export const ExitCode = {
  /** Every selected test passed. */
  passed: 0,
  /** At least one test failed. */
  failed: 1,
  /** Usage or configuration error. */
  usage: 2,
  /** conform could not test at all: the server never started, or conform itself failed. */
  couldNotTest: 3,
  /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT's number, as shells report it). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(report: RunReport): ExitCodeValue {
  if (report.summary.errors > 0) return ExitCode.couldNotTest;
  if (report.summary.failed > 0) return ExitCode.failed;
  return ExitCode.passed;
}
