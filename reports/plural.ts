/** A count and its noun, agreeing: `1 submission`, `2 submissions`, `0 errors`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
