import { describe, expect, it } from 'vitest';
import { plural } from '../../reports/plural.js';

describe('plural', () => {
  it('agrees the noun with its count', () => {
    expect(plural(1, 'submission')).toBe('1 submission');
    expect(plural(0, 'submission')).toBe('0 submissions');
    expect(plural(2, 'error')).toBe('2 errors');
  });

  it('takes a plural of its own', () => {
    expect(plural(3, 'process', 'processes')).toBe('3 processes');
    expect(plural(1, 'process', 'processes')).toBe('1 process');
  });
});
