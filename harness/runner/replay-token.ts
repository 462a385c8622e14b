/**
 * A replay token names one failing property run exactly: the test, the seed and fast-check's path
 * to the shrunk counterexample. It reads as `echo.stream/1234567/3:1:0` and needs no quoting in a shell.
 */
export interface ReplayToken {
  readonly testId: string;
  readonly seed: number;
  readonly path: string;
}

export function formatReplayToken(token: ReplayToken): string {
  return `${token.testId}/${token.seed}/${token.path}`;
}

export function parseReplayToken(text: string): ReplayToken | undefined {
  const match = /^([a-z0-9][a-z0-9.-]*)\/(-?\d+)\/(\d+(?::\d+)*)$/.exec(text);
  if (!match) return undefined;
  const seed = Number(match[2]);
  if (!Number.isSafeInteger(seed)) return undefined;
  return { testId: match[1] as string, seed, path: match[3] as string };
}
