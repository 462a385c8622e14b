import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { broadcastSuite } from '../../suites/broadcast/index.js';
import { chatSuite } from '../../suites/chat/index.js';
import { echoSuite } from '../../suites/echo/index.js';
import { repoRoot } from '../support/run-conform.js';
import { ruleProblems } from '../../harness/suite-check/rule-problems.js';

describe.each([echoSuite, broadcastSuite, chatSuite])('the rules of $protocolDoc', (suite) => {
  it('each name the tests that check them, or say they are not checked, and name every test of the suite', () => {
    const markdown = readFileSync(join(repoRoot, suite.protocolDoc), 'utf8');
    const ids = suite.tests.map((test) => test.id);
    expect(ruleProblems(markdown, ids)).toEqual([]);
  });
});

describe('ruleProblems', () => {
  const ids = ['demo.one', 'demo.two'];

  it('passes rules that name tests, rules marked not checked, and the RFC 2119 sentence', () => {
    const markdown = [
      'The key words MUST and MAY are used as in RFC 2119.',
      '',
      '> The server MUST do one thing. — `demo.one`',
      '',
      '- **Two.** The server MUST do two',
      '  things. — `demo.one`, `demo.two`',
      '- The server MUST NOT do a third. — not checked',
      '',
      '```',
      'MUST in a code block is an example, not a rule',
      '```',
    ].join('\n');
    expect(ruleProblems(markdown, ids)).toEqual([]);
  });

  it('finds a MUST without a reference, a test the suite lacks, and a test no rule names', () => {
    const markdown = [
      '> The server MUST do one thing',
      '> and say so. — `demo.one`',
      '',
      'The server MUST do another thing.',
      '',
      '> The server MUST do a third. — `demo.three`',
    ].join('\n');
    expect(ruleProblems(markdown, ids)).toEqual([
      'line 4: a MUST that names no test and is not marked "not checked": The server MUST do another thing.',
      'line 6: names `demo.three`, which the suite does not have',
      'no rule names `demo.two`',
    ]);
  });

  it('does not take a test named inside a rule, before its end, for a reference', () => {
    expect(ruleProblems('> The server MUST do `demo.one` better. — not checked', ['demo.one'])).toEqual([
      'no rule names `demo.one`',
    ]);
  });
});
