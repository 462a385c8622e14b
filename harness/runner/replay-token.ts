/**
 * A replay token names one failing property run exactly: the test, the seed, fast-check's path to the
 * shrunk counterexample and, for model-based tests, the path through their commands. It reads as
 * `echo.stream/1234567/3:1:0` (or `chat.model/42/1:0/DBF:F`) and needs no quoting in a shell.
 */
export interface ReplayToken {
  readonly testId: string;
  readonly seed: number;
  readonly path: string;
  /** fast-check's replay path for a commands arbitrary, when the property is model-based. */
  readonly commands?: string;
}

export function formatReplayToken(token: ReplayToken): string {
  const base = `${token.testId}/${token.seed}/${token.path}`;
  return token.commands === undefined ? base : `${base}/${token.commands}`;
}

export function parseReplayToken(text: string): ReplayToken | undefined {
  const match = /^([a-z0-9][a-z0-9.-]*)\/(-?\d+)\/(\d+(?::\d+)*)(?:\/([A-Za-z0-9+/=:]+))?$/.exec(text);
  if (!match) return undefined;
  const seed = Number(match[2]);
  if (!Number.isSafeInteger(seed)) return undefined;
  return {
    testId: match[1] as string,
    seed,
    path: match[3] as string,
    ...(match[4] !== undefined && { commands: match[4] }),
  };
}
