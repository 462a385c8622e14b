// The one function, not all of semver: every run loads this module.
import validRange from 'semver/ranges/valid.js';
import type { ConformanceTest, Suite } from '../runner/suite.js';

/** A suite that cannot be run as written: its message names what to change. */
export class SuiteError extends Error {
  override readonly name = 'SuiteError';
}

const suiteName = /^[a-z][a-z0-9-]*$/;

/** Whether `name` may name a suite (and so begin its test ids): lower case letters, digits and dashes. */
export function isSuiteName(name: string): boolean {
  return suiteName.test(name);
}
const testName = /^[a-z0-9][a-z0-9-]*$/;
const policies: ReadonlySet<string> = new Set(['content', 'persistent', 'fresh']);

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** What is wrong with one test of suite `name`, or undefined. */
function testProblem(name: string, test: ConformanceTest, seen: ReadonlySet<string>): string | undefined {
  const id: unknown = test.id;
  if (typeof id !== 'string') return 'a test has no `id`';
  const [prefix, rest] = [id.slice(0, name.length + 1), id.slice(name.length + 1)];
  if (prefix !== `${name}.` || !testName.test(rest)) {
    return `test id \`${id}\` must be \`${name}.<name>\`, the name in lower case, digits and dashes`;
  }
  if (seen.has(id)) return `test id \`${id}\` is used twice`;
  if (!nonEmpty(test.title)) return `test \`${id}\` needs a \`title\``;
  if (!nonEmpty(test.requirement))
    return `test \`${id}\` needs a \`requirement\`: the sentence of the protocol it checks`;
  if (!policies.has(test.policy))
    return `test \`${id}\` needs a \`policy\` of 'content', 'persistent' or 'fresh'`;
  if (typeof test.run !== 'function') return `test \`${id}\` needs a \`run(context)\` function`;
  if (test.oracle !== undefined && typeof test.oracle !== 'boolean') {
    return `test \`${id}\` has \`oracle\` ${String(test.oracle)}: give true or false`;
  }
  if (test.points !== undefined && !(Number.isFinite(test.points) && test.points >= 0)) {
    return `test \`${id}\` has \`points\` ${String(test.points)}: give a number of 0 or more`;
  }
  return undefined;
}

/** What is wrong with `suite` as a whole, or undefined: the first problem found. */
export function suiteProblem(suite: Suite): string | undefined {
  if (!nonEmpty(suite.name) || !suiteName.test(suite.name)) {
    return `the suite's \`name\` must be lower case letters, digits and dashes, starting with a letter; got \`${String(suite.name)}\``;
  }
  if (!nonEmpty(suite.title)) return `suite \`${suite.name}\` needs a \`title\``;
  if (suite.conform !== undefined && validRange(suite.conform) === null) {
    return `suite \`${suite.name}\` has \`conform\` "${suite.conform}": give an npm version range such as "^0.1"`;
  }
  const oracle: unknown = suite.oracle;
  if (
    oracle !== undefined &&
    !(Array.isArray(oracle) && oracle.length > 0 && oracle.every((word) => nonEmpty(word)))
  ) {
    return `suite \`${suite.name}\` has \`oracle\` ${JSON.stringify(oracle)}: give the solution server's command and arguments, e.g. ['python3', 'solution.py', '{port}']`;
  }
  const tests: readonly ConformanceTest[] | undefined = Array.isArray(suite.tests) ? suite.tests : undefined;
  if (tests === undefined || tests.length === 0) return `suite \`${suite.name}\` has no tests`;
  const seen = new Set<string>();
  for (const test of tests) {
    const problem = testProblem(suite.name, test, seen);
    if (problem !== undefined) return problem;
    seen.add(test.id);
  }
  return undefined;
}

/**
 * A suite of conformance tests, checked as it is defined: test ids are `<suite name>.<name>` and
 * unique, and every test has a title, the requirement it checks, a server policy and a `run`.
 * Throws a SuiteError naming the first problem.
 *
 * @example
 * export default defineSuite({
 *   name: 'upper',
 *   title: 'Upper-case echo',
 *   protocolDoc: 'protocol.md',
 *   tests: [shout],
 * });
 */
export function defineSuite(suite: Suite): Suite {
  const problem = suiteProblem(suite);
  if (problem !== undefined) throw new SuiteError(problem);
  return Object.freeze({ ...suite, tests: Object.freeze([...suite.tests]) });
}

/** One test of a suite, typed as it is written: the identity function, for an editor's help. */
export function defineTest(test: ConformanceTest): ConformanceTest {
  return test;
}
