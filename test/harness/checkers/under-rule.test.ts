import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { underRule } from '../../../harness/checkers/under-rule.js';

const finding = (rule?: string): Finding =>
  new Finding({ kind: 'timeout', message: 'nothing came', ...(rule !== undefined && { rule }) });

async function thrown(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('the step did not fail');
}

describe('underRule', () => {
  it("marks a finding of the step with the step's rule, and returns what the step returns", async () => {
    await expect(underRule('chat.quit', () => Promise.resolve(7))).resolves.toBe(7);
    const error = await thrown(underRule('chat.quit', () => Promise.reject(finding())));
    expect((error as Finding).details).toMatchObject({ rule: 'chat.quit', message: 'nothing came' });
  });

  it('keeps the rule of a step inside it, and lets other errors through as they are', async () => {
    const inner = await thrown(
      underRule('chat.disconnect', () => underRule('chat.quit', () => Promise.reject(finding()))),
    );
    expect((inner as Finding).details.rule).toBe('chat.quit');
    const plain = new Error('conform itself');
    expect(await thrown(underRule('chat.quit', () => Promise.reject(plain)))).toBe(plain);
  });

  it('chooses the rule by what the finding shows, where given a choice', async () => {
    const error = await thrown(
      underRule(
        (found) => (found.details.kind === 'timeout' ? 'chat.framing' : 'chat.msg'),
        () => Promise.reject(finding()),
      ),
    );
    expect((error as Finding).details.rule).toBe('chat.framing');
    const unmarked = await thrown(
      underRule(
        () => undefined,
        () => Promise.reject(finding()),
      ),
    );
    expect((unmarked as Finding).details.rule).toBeUndefined();
  });
});
