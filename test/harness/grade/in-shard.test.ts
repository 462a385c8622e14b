import { describe, expect, it } from 'vitest';
import { inShard } from '../../../harness/grade/in-shard.js';

function idsOf(count: number, prefix = 'student'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
}

/** The 1-based shards of `count` that hold the id. */
function shardsOf(id: string, count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1).filter((index) =>
    inShard(id, { index, count }),
  );
}

describe('inShard', () => {
  it.each([1, 2, 3, 4, 5])('puts every one of 200 ids in exactly one of %i shards', (count) => {
    for (const id of idsOf(200)) expect(shardsOf(id, count), id).toHaveLength(1);
  });

  it("keeps an id's shard when other ids are added to the class", () => {
    const split = (ids: readonly string[]): Map<string, number | undefined> =>
      new Map(ids.map((id) => [id, shardsOf(id, 4)[0]]));
    const before = split(idsOf(200));
    const after = split([...idsOf(200, 'late'), ...idsOf(200)].reverse());
    for (const [id, shard] of before) expect(after.get(id), id).toBe(shard);
    expect(new Set(before.values())).toEqual(new Set([1, 2, 3, 4]));
  });

  it('gives each of 3 shards between 20% and 46% of 300 ids', () => {
    const sizes = [1, 2, 3].map(
      (index) => idsOf(300).filter((id) => inShard(id, { index, count: 3 })).length,
    );
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(300);
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(60);
      expect(size).toBeLessThanOrEqual(138);
    }
  });
});
