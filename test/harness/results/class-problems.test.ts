import { describe, expect, it } from 'vitest';
import { classProblems } from '../../../harness/results/class-problems.js';

describe('classProblems', () => {
  it('counts each mistake once per submission, the most common first', () => {
    expect(
      classProblems([
        { id: 'ann', problems: ['lost-bytes', 'decoded-per-read'] },
        { id: 'bob', problems: ['decoded-per-read'] },
        { id: 'cid', problems: [] },
        { id: 'dee' },
      ]),
    ).toEqual([
      { cause: 'decoded-per-read', submissions: ['ann', 'bob'] },
      { cause: 'lost-bytes', submissions: ['ann'] },
    ]);
  });
});
