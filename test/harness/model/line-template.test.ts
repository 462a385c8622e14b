import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuiteError } from '../../../harness/api/define-suite.js';
import { lineTemplate } from '../../../harness/model/line-template.js';

describe('lineTemplate', () => {
  it('fills each hole with its arbitrary and keeps the rest as written', () => {
    const lines = lineTemplate('SET {key} {value}!', {
      key: fc.constantFrom('a', 'b'),
      value: fc.constant('x y'),
    });
    fc.assert(
      fc.property(lines, (line) => /^SET [ab] x y!$/.test(line)),
      { seed: 1 },
    );
  });

  it('takes a template with no hole as a constant, and a hole used twice twice', () => {
    expect(fc.sample(lineTemplate('KEYS', {}), { numRuns: 3, seed: 1 })).toEqual(['KEYS', 'KEYS', 'KEYS']);
    const twice = fc.sample(lineTemplate('{a}-{a}', { a: fc.constant('q') }), { numRuns: 1, seed: 1 });
    expect(twice).toEqual(['q-q']);
  });

  it('refuses a hole no arbitrary fills, naming it', () => {
    expect(() => lineTemplate('GET {key}', {})).toThrow(
      new SuiteError('the template `GET {key}` has {key}, and no arbitrary fills it'),
    );
  });
});
