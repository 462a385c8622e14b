import { isFinding, type Finding } from './finding.js';

/**
 * Runs one step of a test that belongs to the rule of `rule` (a test id, or one chosen by what the
 * finding shows, if it shows one): a finding it throws is marked with that rule, unless a step
 * inside it already marked one, so that its hint is the rule's.
 */
export async function underRule<T>(
  rule: string | ((finding: Finding) => string | undefined),
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isFinding(error) || error.details.rule !== undefined) throw error;
    const chosen = typeof rule === 'string' ? rule : rule(error);
    throw chosen === undefined ? error : error.with({ rule: chosen });
  }
}
