import type { TestStatus } from '../../harness/results/test-result.js';
import type { Palette } from './palette.js';

export function statusMark(status: TestStatus, colors: Palette): string {
  switch (status) {
    case 'passed':
      return colors.green('✓');
    case 'failed':
      return colors.red('✗');
    case 'error':
      return colors.magenta('!');
    case 'skipped':
      return colors.dim('-');
  }
}

/** The status as a word, padded to `width` before colouring so columns line up. */
export function statusWord(status: TestStatus, colors: Palette, width = 0): string {
  switch (status) {
    case 'passed':
      return colors.green('passed'.padEnd(width));
    case 'failed':
      return colors.red('FAILED'.padEnd(width));
    case 'error':
      return colors.magenta('ERROR'.padEnd(width));
    case 'skipped':
      return colors.dim('skipped'.padEnd(width));
  }
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
