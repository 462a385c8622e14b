import { describe, expect, it } from 'vitest';
import { phrase, type Phrasing } from '../../../harness/hints/phrasing.js';
import { unknownLanguage } from '../../../harness/hints/server-language.js';

const hint: Phrasing = {
  neutral: 'read until the end',
  python: 'call recv() until it returns b""',
  pythonEvents: 'register the socket for reading',
  node: "listen for 'data'",
};

describe('phrase', () => {
  it("picks the language's words, and its event-loop words for an event-loop server", () => {
    expect(phrase(hint, { name: 'python', events: false })).toBe(hint.python);
    expect(phrase(hint, { name: 'python', events: true })).toBe(hint.pythonEvents);
    expect(phrase(hint, { name: 'node', events: true })).toBe(hint.node);
  });

  it('falls back to the neutral words for a language the hint does not speak, or an unknown one', () => {
    expect(phrase(hint, { name: 'java', events: true })).toBe(hint.neutral);
    expect(phrase(hint, unknownLanguage)).toBe(hint.neutral);
  });

  it('gives a plain string as it is', () => {
    expect(phrase('the same for all', { name: 'c', events: false })).toBe('the same for all');
  });
});
