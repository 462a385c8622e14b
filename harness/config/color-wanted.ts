/**
 * Colours on or off: --no-color and NO_COLOR turn them off, FORCE_COLOR decides when set, and
 * otherwise a terminal gets them and a pipe or file does not.
 */
export function colorWanted(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (flag === false) return false;
  const { NO_COLOR, FORCE_COLOR } = env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR === '0' || FORCE_COLOR === 'false') return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '') return true;
  return isTTY;
}
