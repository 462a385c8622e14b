import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { EventLog } from '../../../harness/driver/event-log.js';
import { unknownLanguage } from '../../../harness/hints/server-language.js';
import { reportRunFailure } from '../../../harness/runner/failure-report.js';
import { RunFailure } from '../../../harness/runner/run-failure.js';

const who = { id: 'chat.who', hint: 'Sort the nicknames by byte order.' };
const nick = {
  id: 'chat.nick',
  requirement: 'A rename MUST be announced as `RENAMED <old> <new>`.',
  hint: 'Announce a rename to everyone.',
};
const rules = (id: string) => (id === nick.id ? nick : undefined);

function failure(rule?: string): RunFailure {
  const finding = new Finding({
    kind: 'mismatch',
    conn: 'bob',
    message: 'bob expected "RENAMED bob Bob" but received "WELCOME Bob"',
    ...(rule !== undefined && { rule }),
  });
  return new RunFailure(finding, new EventLog(), undefined);
}

describe('reportRunFailure', () => {
  it("explains a failure at a step of another test's rule by that rule's requirement and hint", () => {
    const report = reportRunFailure(failure('chat.nick'), who, unknownLanguage, 'replay', rules);
    expect(report.cause).toBe('rule:chat.nick');
    expect(report.rule).toBe('chat.nick');
    expect(report.hint).toBe(
      "This step is chat.nick's: A rename MUST be announced as `RENAMED <old> <new>`. Announce a rename to everyone.",
    );
  });

  it("keeps the test's own hint at its own steps, and where the rule is unknown", () => {
    for (const rule of [undefined, 'chat.who', 'chat.gone']) {
      const report = reportRunFailure(failure(rule), who, unknownLanguage, 'replay', rules);
      expect(report.hint).toBe('Sort the nicknames by byte order.');
      expect(report.cause).toBeNull();
      expect(report.rule).toBeUndefined();
    }
  });
});
