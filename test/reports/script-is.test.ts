import { describe, expect, it } from 'vitest';
import { scriptIs } from '../../reports/script-is.js';

describe('scriptIs', () => {
  it("calls a search's case the smallest found, and a test's fixed script the failing script", () => {
    expect(scriptIs({ searched: true })).toBe('the smallest failing case found');
    expect(scriptIs({})).toBe('the failing script');
  });
});
