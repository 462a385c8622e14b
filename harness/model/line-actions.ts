import fc from 'fast-check';

/** One step of a generated case: a client connects, one sends a line (whole, or in two writes), one leaves. */
export type LineAction =
  | { readonly kind: 'connect' }
  | { readonly kind: 'send'; readonly target: number; readonly line: string; readonly cut: number | null }
  | { readonly kind: 'leave'; readonly target: number; readonly reset: boolean };

/**
 * Cases of up to `maxActions` steps over `lines`: mostly lines sent, a third of them split in two
 * writes (inside a multi-byte character where the line has one), with clients connecting and leaving
 * (closing or resetting) among them. `target` picks among the clients present when the step runs.
 */
export function lineActions(
  lines: fc.Arbitrary<string>,
  maxClients: number,
  maxActions: number,
): fc.Arbitrary<LineAction[]> {
  const target = fc.nat({ max: maxClients - 1 });
  const action = fc.oneof(
    { weight: 2, arbitrary: fc.constant<LineAction>({ kind: 'connect' }) },
    {
      weight: 10,
      arbitrary: fc
        .tuple(target, lines, fc.option(fc.nat(), { freq: 2 }))
        .map(([index, line, cut]): LineAction => ({ kind: 'send', target: index, line, cut })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(target, fc.boolean())
        .map(([index, reset]): LineAction => ({ kind: 'leave', target: index, reset })),
    },
  );
  return fc.array(action, { minLength: 1, maxLength: maxActions });
}
