import { describe, expect, it } from 'vitest';
import { globToRegExp, skipReason, unmatchedGlobs } from '../../../harness/runner/select-tests.js';
import { echoSuite } from '../../../suites/echo/index.js';

const test = (id: string) => echoSuite.tests.find((entry) => entry.id === id)!;

describe('test selection', () => {
  it('matches globs on whole ids, with * and ?', () => {
    expect(globToRegExp('echo.*-clients').test('echo.many-clients')).toBe(true);
    expect(globToRegExp('echo.*-clients').test('echo.many-clients.x')).toBe(false);
    expect(globToRegExp('echo.stream').test('echo.streams')).toBe(false);
    expect(globToRegExp('echo.?inary').test('echo.binary')).toBe(true);
  });

  it('runs everything by default', () => {
    expect(echoSuite.tests.map((entry) => skipReason(entry, { only: [], skip: [] }))).toEqual(
      echoSuite.tests.map(() => undefined),
    );
  });

  it('says why a test is left out', () => {
    expect(skipReason(test('echo.large'), { only: ['echo.stream'], skip: [] })).toBe(
      'not selected by --only',
    );
    expect(skipReason(test('echo.large'), { only: [], skip: ['echo.l*'] })).toBe('skipped by --skip');
    expect(skipReason(test('echo.large'), { only: ['echo.*'], skip: ['echo.large'] })).toBe(
      'skipped by --skip',
    );
  });

  it('finds globs that match no test', () => {
    expect(unmatchedGlobs(echoSuite.tests, ['echo.stream', 'echo.strem', 'chat.*'])).toEqual([
      'echo.strem',
      'chat.*',
    ]);
  });
});
