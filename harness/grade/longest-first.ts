/**
 * Items ordered to finish soonest on several workers: the longest first (the classic longest
 * processing time rule), so the class does not end with one slow submission running alone. An
 * item whose duration is not known counts as the median of those that are; with none known, the
 * order is kept. The sort is stable: equal durations keep their order.
 */
export function longestFirst<T>(items: readonly T[], durationOf: (item: T) => number | undefined): T[] {
  const known = items
    .map(durationOf)
    .filter((duration): duration is number => duration !== undefined)
    .sort((a, b) => a - b);
  if (known.length === 0) return [...items];
  const median = known[Math.floor((known.length - 1) / 2)] as number;
  const expected = new Map(items.map((item) => [item, durationOf(item) ?? median]));
  return [...items].sort((a, b) => (expected.get(b) as number) - (expected.get(a) as number));
}
