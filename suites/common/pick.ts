/**
 * The `index`th of `list`, wrapping around: model commands draw a number, not a name, because which
 * clients a command can target is known only when it runs. `list` must not be empty.
 */
export function pick<T>(list: readonly T[], index: number): T {
  if (list.length === 0) throw new Error('pick() needs a non-empty list');
  return list[index % list.length] as T;
}
