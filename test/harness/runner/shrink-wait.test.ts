import { describe, expect, it } from 'vitest';
import { RunKnowledge } from '../../../harness/runner/run-knowledge.js';
import { shrinkWaitMs, waitedOut } from '../../../harness/runner/shrink-wait.js';

describe('shrinkWaitMs', () => {
  it('waits in a try what the server has shown it needs, at least 200 ms', () => {
    const knowledge = new RunKnowledge();
    for (let index = 0; index < 100; index += 1) knowledge.replyWaits.add(index < 95 ? 2 : 120);
    expect(shrinkWaitMs(knowledge, 2000)).toBe(480);
    const quick = new RunKnowledge();
    quick.replyWaits.add(1);
    expect(shrinkWaitMs(quick, 2000)).toBe(200);
  });

  it('leaves the full wait to a server that has not replied yet, or whose replies need it all', () => {
    expect(shrinkWaitMs(new RunKnowledge(), 2000)).toBeUndefined();
    const slow = new RunKnowledge();
    slow.replyWaits.add(800);
    expect(shrinkWaitMs(slow, 2000)).toBeUndefined();
  });

  it('takes only a wait that ran out for a failure a shorter wait may have caused', () => {
    expect(waitedOut('timeout')).toBe(true);
    expect(waitedOut('not-closed')).toBe(true);
    expect(waitedOut('mismatch')).toBe(false);
    expect(waitedOut('eof')).toBe(false);
  });
});
