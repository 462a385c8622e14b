import { isFinding, type Finding } from './finding.js';

/**
 * Runs one step of a test that belongs to the rule of `rule` (a test id, or one chosen by what the
 * finding shows): a finding it throws is marked with that rule, unless a step inside it already
 * marked one, so that its hint is the rule's.
 */
export async function underRule<T>(
  rule: string | ((finding: Finding) => string),
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isFinding(error) || error.details.rule !== undefined) throw error;
    throw error.with({ rule: typeof rule === 'string' ? rule : rule(error) });
  }
}
