import leven from 'leven';

/** The choice nearest to what was typed, when one is near enough to be a likely typo. */
export function closest(word: string, choices: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const distance = leven(word.toLowerCase(), choice.toLowerCase());
    if (distance < bestDistance) {
      best = choice;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** ": did you mean `x`?" for a near choice, or the list of choices when none is near. */
export function suggestion(word: string, choices: readonly string[]): string {
  const near = closest(word, choices);
  return near !== undefined ? `did you mean \`${near}\`?` : `choose one of ${choices.join(', ')}`;
}
