import type { ServerLanguage } from './server-language.js';

/**
 * A hint said for each kind of server: `neutral` for a server conform cannot place, and the terms of
 * each language where they differ. An `…Events` variant is for a server built on an event loop
 * (select, poll, a Selector); without one, the language's own is used.
 */
export interface Phrasing {
  readonly neutral: string;
  readonly python?: string;
  readonly pythonEvents?: string;
  readonly node?: string;
  readonly c?: string;
  readonly cEvents?: string;
  readonly java?: string;
  readonly javaEvents?: string;
}

/** A hint as suites and checkers give it: the same words for every server, or a phrasing. */
export type Hint = string | Phrasing;

/** The hint in the words of the server's language. */
export function phrase(hint: Hint, language: ServerLanguage): string {
  if (typeof hint === 'string') return hint;
  const name = language.name;
  if (name === undefined) return hint.neutral;
  const events = language.events ? hint[`${name}Events` as keyof Phrasing] : undefined;
  return events ?? hint[name] ?? hint.neutral;
}
