import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from '../../../harness/config/json-syntax-problem.js';

const config = (middle: string): string => `{\n  "suite": "echo",\n${middle}\n}\n`;

describe('jsonSyntaxProblem', () => {
  it.each([
    ['a comma after the last key', config('  "seed": 1,'), 3, 12, 'JSON allows no comma before }: remove it'],
    [
      'a comma after the last item',
      '{"only": ["echo.*",]}',
      1,
      19,
      'JSON allows no comma before ]: remove it',
    ],
    [
      'a comma missing between keys',
      config('  "seed": 1\n  "runs": 2'),
      4,
      3,
      'a comma is missing before this key: add , after the one before it',
    ],
    [
      'a comma missing between items',
      '{"only": ["a" "b"]}',
      1,
      15,
      'a comma is missing before this value: add , after the one before it',
    ],
    ['a key without quotes', config('  seed: 1'), 3, 3, 'keys take double quotes: write "key": value'],
    [
      'single quotes',
      config("  'seed': 1"),
      3,
      3,
      'JSON strings take double quotes: write "text", not \'text\'',
    ],
    ['a comment', config('  // the course seed\n  "seed": 1'), 3, 3, 'JSON has no comments: remove this one'],
    [
      'a word that is not a value',
      config('  "start": server.py'),
      3,
      12,
      'server.py is not a JSON value: text takes double quotes ("server.py"); true, false and null are lower case',
    ],
    [
      'True',
      config('  "force": True'),
      3,
      12,
      'True is not a JSON value: text takes double quotes ("True"); true, false and null are lower case',
    ],
    [
      'a leading zero',
      config('  "port": 02000'),
      3,
      11,
      '02000 is not a JSON number: write digits with no leading 0, like 2000 or 0.5',
    ],
    ['a missing colon', config('  "seed" 1'), 3, 10, 'expected : after the key, found "1"'],
    [
      'a backslash of a Windows path',
      config('  "start": "C:\\server.py"'),
      3,
      15,
      '\\s is not an escape JSON knows: write \\\\ for a backslash (C:\\\\dir)',
    ],
    [
      'a string left open',
      '{\n  "suite": "echo\n}',
      2,
      17,
      'a string cannot run onto the next line: close it with " or write \\n',
    ],
    [
      'a string left open at the end',
      '{"suite": "echo',
      1,
      11,
      'this string is never closed: add the closing "',
    ],
    [
      'a missing }',
      '{\n  "points": {"echo.*": 2}\n',
      3,
      1,
      'the file ends before the } that closes the { of line 1: add it',
    ],
    [
      'a } too many',
      '{"seed": 1}}',
      1,
      12,
      'more after the end of the config: remove it, or the } before it',
    ],
    ['an empty file', '\n', 1, 1, 'the file is empty: write the config, such as {"suite": "echo"}'],
  ])('names %s', (_what, text, line, column, problem) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(jsonSyntaxProblem(text)).toEqual({ line, column, problem });
  });

  it('finds nothing wrong with JSON', () => {
    for (const text of [
      config('  "seed": 1, "only": ["echo.*"], "env": {"A": "\\u00e9\\n"}, "x": [true, false, null, -0.5e3]'),
      '{}',
      ' [ ] ',
      '"text"',
    ]) {
      expect(() => JSON.parse(text) as unknown, text).not.toThrow();
      expect(jsonSyntaxProblem(text), text).toBeUndefined();
    }
  });
});
