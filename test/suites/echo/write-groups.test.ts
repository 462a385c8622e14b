import { describe, expect, it } from 'vitest';
import { writeGroups } from '../../../suites/echo/write-groups.js';

describe('writeGroups', () => {
  const plan = {
    seed: 7,
    writes: [
      { size: 100, waitForEcho: true },
      { size: 3, waitForEcho: false },
      { size: 50, waitForEcho: false },
      { size: 9, waitForEcho: true },
      { size: 4, waitForEcho: false },
    ],
  };

  it('cuts after each write that waits for its echo, and after the last', () => {
    const groups = writeGroups(plan);
    expect(groups.map((group) => group.writes.map((bytes) => bytes.length))).toEqual([
      [100],
      [3, 50, 9],
      [4],
    ]);
    for (const group of groups) expect(group.expected).toEqual(Buffer.concat(group.writes));
  });

  it('makes the same bytes for the same seed, and different ones for another', () => {
    expect(writeGroups(plan)[1]?.expected).toEqual(writeGroups(plan)[1]?.expected);
    expect(writeGroups({ ...plan, seed: 8 })[1]?.expected).not.toEqual(writeGroups(plan)[1]?.expected);
  });
});
