import { describe, expect, it } from 'vitest';
import { longestFirst } from '../../../harness/grade/longest-first.js';

const durations: Record<string, number | undefined> = { a: 10, b: 70, c: undefined, d: 30, e: 30 };
const durationOf = (id: string): number | undefined => durations[id];

describe('longestFirst', () => {
  it('begins with the longest, and counts an unknown duration as the median of the known ones', () => {
    // Known: 10, 30, 30, 70, so c counts as 30 and keeps its place before d and e.
    expect(longestFirst(['a', 'b', 'c', 'd', 'e'], durationOf)).toEqual(['b', 'c', 'd', 'e', 'a']);
  });

  it('keeps the order of equal durations, and the whole order when none is known', () => {
    expect(longestFirst(['e', 'd'], durationOf)).toEqual(['e', 'd']);
    expect(longestFirst(['x', 'y', 'z'], () => undefined)).toEqual(['x', 'y', 'z']);
  });

  it('leaves the list it was given as it was', () => {
    const given = ['a', 'b'];
    longestFirst(given, durationOf);
    expect(given).toEqual(['a', 'b']);
  });
});
