import { describe, expect, it } from 'vitest';
import { diagnoseRun } from '../../../harness/hints/run-diagnosis.js';
import type { FailureReport, TestResult } from '../../../harness/results/test-result.js';
import { plainFailure } from '../../../harness/runner/failure-report.js';

function failed(
  id: string,
  kind: FailureReport['kind'],
  cause: string | null,
  hint: string | null,
): TestResult {
  return {
    id,
    title: id,
    requirement: '',
    status: 'failed',
    durationMs: 1,
    score: 0,
    maxScore: 1,
    failure: plainFailure(kind, `${id} failed`, { cause, hint }),
  };
}

const passed: TestResult = { ...failed('echo.accept', 'timeout', null, null), status: 'passed', score: 1 };
delete (passed as { failure?: FailureReport }).failure;

const causes = (tests: readonly TestResult[]): (string | null | undefined)[] =>
  tests.map((test) => test.failure?.cause);

describe('diagnoseRun', () => {
  it('explains what one mistake looks like from other tests by the cause a test showed by its own evidence', () => {
    const run = diagnoseRun([
      passed,
      failed('echo.stream', 'eof', 'first-read-only', 'Only the start of the data came back.'),
      failed('echo.large', 'reset', 'reset-by-server', 'The server reset the connection.'),
      failed('echo.half-close', 'eof', 'closed-after-half-close', 'The server closed after the half-close.'),
    ]);
    expect(causes(run)).toEqual([undefined, 'first-read-only', 'first-read-only', 'first-read-only']);
    expect(run[1]?.failure?.hint).toBe('Only the start of the data came back.');
    expect(run[2]?.failure?.hint).toBe('As echo.stream shows: Only the start of the data came back.');
    expect(run[2]?.failure?.shownBy).toBe('echo.stream');
    expect(run[1]?.failure?.shownBy).toBeUndefined();
    expect(run[0]).toBe(passed);
  });

  it('gives two unrelated mistakes two diagnoses', () => {
    const run = diagnoseRun([
      failed('echo.binary', 'timeout', 'nul-cut', 'NUL.'),
      failed('echo.stream', 'eof', 'first-read-only', 'One read.'),
      failed('echo.single-message', 'mismatch', 'greeting', 'Greeting.'),
    ]);
    expect(causes(run)).toEqual(['nul-cut', 'first-read-only', 'greeting']);
  });

  it('takes a failure no sign explained only where it is what the cause looks like: a silence, not a wrong byte', () => {
    const run = diagnoseRun([
      failed('echo.single-message', 'timeout', null, "the test's own hint"),
      failed('echo.stream', 'timeout', 'held-back-output', 'Held in a buffer.'),
      failed('echo.binary', 'mismatch', null, "the test's own hint"),
    ]);
    expect(causes(run)).toEqual(['held-back-output', 'held-back-output', null]);
    expect(run[2]?.failure?.hint).toBe("the test's own hint");
  });

  it('takes a silence that shows only what one cause would leave (no echo of text without a newline) for that cause, and for no other', () => {
    const unanswered = (id: string): TestResult => {
      const test = failed(id, 'timeout', null, "the test's own hint");
      return {
        ...test,
        failure: { ...(test.failure as FailureReport), seen: ['unanswered-without-newline'] },
      };
    };
    const lineServer = diagnoseRun([
      failed('echo.large', 'timeout', 'line-buffered', 'Everything up to the last newline came back.'),
      unanswered('echo.single-message'),
    ]);
    expect(causes(lineServer)).toEqual(['line-buffered', 'line-buffered']);
    expect(lineServer[1]?.failure?.hint).toBe(
      'As echo.large shows: Everything up to the last newline came back.',
    );
    const heldBack = diagnoseRun([
      failed('echo.large', 'timeout', 'held-back-output', 'Replies wait in a buffer.'),
      unanswered('echo.single-message'),
    ]);
    expect(causes(heldBack)).toEqual(['held-back-output', 'held-back-output']);
    const firstRead = diagnoseRun([
      failed('echo.stream', 'eof', 'first-read-only', 'One read came back.'),
      unanswered('echo.single-message'),
    ]);
    expect(causes(firstRead)).toEqual(['first-read-only', null]);
  });

  it('leaves a run without such a cause as it was', () => {
    const tests = [passed, failed('echo.large', 'reset', 'reset-by-server', 'Reset.')];
    expect(diagnoseRun(tests)).toEqual(tests);
  });

  it("joins a failure at a step of another test's rule to that test's own failure: one diagnosis", () => {
    const atRename = failed('chat.who', 'mismatch', 'rule:chat.nick', "This step is chat.nick's: rename.");
    const renamed = { ...atRename, failure: { ...(atRename.failure as FailureReport), rule: 'chat.nick' } };
    const run = diagnoseRun([failed('chat.nick', 'mismatch', null, 'Rename.'), renamed]);
    expect(causes(run)).toEqual(['rule:chat.nick', 'rule:chat.nick']);
    expect(run[1]?.failure?.shownBy).toBe('chat.nick');
    expect(run[0]?.failure?.shownBy).toBeUndefined();
    // Without the rule's own test failing, it stands alone; a test failing with its own hint alone is in none.
    expect(diagnoseRun([renamed])).toEqual([renamed]);
    expect(causes(diagnoseRun([failed('chat.nick', 'mismatch', null, 'Rename.')]))).toEqual([null]);
  });

  it("takes a cause another test shows before a rule's hint, as before a test's own", () => {
    const atCrlf = failed('chat.model', 'mismatch', 'rule:chat.register', "This step is chat.register's.");
    const ruled = { ...atCrlf, failure: { ...(atCrlf.failure as FailureReport), rule: 'chat.register' } };
    const run = diagnoseRun([failed('chat.framing', 'mismatch', 'cr-kept', 'CR kept.'), ruled]);
    expect(causes(run)).toEqual(['cr-kept', 'cr-kept']);
    expect(run[1]?.failure?.rule).toBeUndefined();
  });
});
