import { seedAt, textBytes } from '../common/text-bytes.js';

/** A stream test's plan: writes of these sizes, each perhaps waiting for its echo before the next. */
export interface StreamPlan {
  readonly seed: number;
  readonly writes: readonly { readonly size: number; readonly waitForEcho: boolean }[];
}

/** Writes sent one after another, then read back as one stretch. */
export interface WriteGroup {
  readonly writes: readonly Buffer[];
  /** The writes' bytes, in order: what the read must return. */
  readonly expected: Buffer;
}

/** Cuts a plan after each write that waits for its echo, and after the last write. */
export function writeGroups(plan: StreamPlan): WriteGroup[] {
  const groups: WriteGroup[] = [];
  let pending: Buffer[] = [];
  for (const [index, write] of plan.writes.entries()) {
    pending.push(textBytes(write.size, seedAt(plan.seed, index)));
    if (write.waitForEcho || index === plan.writes.length - 1) {
      groups.push({ writes: pending, expected: Buffer.concat(pending) });
      pending = [];
    }
  }
  return groups;
}
