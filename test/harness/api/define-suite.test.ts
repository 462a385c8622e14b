import { describe, expect, it } from 'vitest';
import { defineSuite, SuiteError, type ConformanceTest, type Suite } from '../../../harness/api/conform.js';
import { suites } from '../../../suites/index.js';

const shout: ConformanceTest = {
  id: 'upper.shout',
  title: 'a line comes back in capitals',
  requirement: 'The server MUST send back each line in capitals.',
  policy: 'content',
  async run() {},
};

const suite = (changes: Partial<Suite> = {}, test: Partial<ConformanceTest> = {}): Suite => ({
  name: 'upper',
  title: 'Upper',
  protocolDoc: 'upper.md',
  tests: [{ ...shout, ...test }],
  ...changes,
});

/** The message defineSuite throws for `written`. */
function refusal(written: Suite): string {
  try {
    defineSuite(written);
  } catch (error) {
    expect(error).toBeInstanceOf(SuiteError);
    return (error as Error).message;
  }
  throw new Error('defineSuite took a suite it should refuse');
}

describe('defineSuite', () => {
  it('takes a well-formed suite, and keeps it from being changed afterwards', () => {
    const defined = defineSuite(suite());
    expect(defined.tests.map((test) => test.id)).toEqual(['upper.shout']);
    expect(Object.isFrozen(defined) && Object.isFrozen(defined.tests)).toBe(true);
  });

  it('defines the built-in suites', () => {
    expect([...suites.values()].every((builtIn) => Object.isFrozen(builtIn))).toBe(true);
  });

  it('names the first problem of a suite it refuses', () => {
    expect(refusal(suite({ name: 'Upper Case' }))).toBe(
      "the suite's `name` must be lower case letters, digits and dashes, starting with a letter; got `Upper Case`",
    );
    expect(refusal(suite({ tests: [] }))).toBe('suite `upper` has no tests');
    expect(refusal(suite({}, { id: 'shout' }))).toBe(
      'test id `shout` must be `upper.<name>`, the name in lower case, digits and dashes',
    );
    expect(refusal(suite({ tests: [shout, shout] }))).toBe('test id `upper.shout` is used twice');
    expect(refusal(suite({}, { requirement: ' ' }))).toBe(
      'test `upper.shout` needs a `requirement`: the sentence of the protocol it checks',
    );
    expect(refusal(suite({}, { policy: 'restart' as 'content' }))).toBe(
      "test `upper.shout` needs a `policy` of 'content', 'persistent' or 'fresh'",
    );
    expect(refusal(suite({ conform: 'latest please' }))).toBe(
      'suite `upper` has `conform` "latest please": give an npm version range such as "^0.1"',
    );
    expect(refusal(suite({}, { points: -1 }))).toBe(
      'test `upper.shout` has `points` -1: give a number of 0 or more',
    );
  });
});
