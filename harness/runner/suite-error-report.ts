import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FailureReport } from '../results/test-result.js';
import { plainFailure } from './failure-report.js';

/** `file:line` of the first frame of `stack` in `folder` (a suite's), as a person finds it from the working folder. */
export function placeIn(stack: readonly string[], folder: string): string | undefined {
  for (const line of stack) {
    const match = /((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (match === null) continue;
    const [, written = '', lineNumber = ''] = match;
    const file = written.startsWith('file://') ? fileURLToPath(written) : written;
    if (!file.startsWith(folder)) continue;
    const shown = relative(process.cwd(), file);
    return `${shown.startsWith('..') ? file : shown}:${lineNumber}`;
  }
  return undefined;
}

/**
 * A failure of a loaded suite's own code (an exception that is no finding): its author has a bug to
 * fix, shown where it was thrown in the suite's files; no fault of the server's.
 */
export function reportSuiteError(error: unknown, suiteFile: string): FailureReport {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack !== undefined ? error.stack.split('\n') : [];
  const place = placeIn(stack, dirname(suiteFile));
  const at = place === undefined ? '' : ` (at ${place})`;
  return plainFailure(
    'suite',
    `the suite's own code failed (a bug in the suite, not in the server): ${message}${at}`,
    {
      transcript: stack,
    },
  );
}
