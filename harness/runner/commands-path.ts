/** A commands counterexample prints its replay path (`/*replayPath="DBF:F"*\/`); a replay needs it back. */
export function commandsPath(counterexample: readonly unknown[] | null): { commands?: string } {
  const printed = counterexample?.map(printable).join(' ') ?? '';
  const path = /\/\*replayPath="([^"]*)"\*\//.exec(printed)?.[1];
  return path === undefined || path === '' ? {} : { commands: path };
}

/** A value as text, if it has a text form (a record from fast-check may have no prototype at all). */
function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}
