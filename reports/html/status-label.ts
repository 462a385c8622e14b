import type { TestStatus } from '../../harness/results/test-result.js';

/** A status as a symbol and a word, so that it reads without colour. */
export const statusLabels: Readonly<Record<TestStatus, { readonly symbol: string; readonly word: string }>> =
  {
    passed: { symbol: '✓', word: 'passed' },
    failed: { symbol: '✗', word: 'FAILED' },
    error: { symbol: '!', word: 'ERROR' },
    skipped: { symbol: '–', word: 'skipped' },
  };
