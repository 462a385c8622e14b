import { mkdtempSync, rmdirSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let stage: string | undefined;

/**
 * An empty folder of this conform process's own, on which each confined server's namespace mounts
 * what it is given (mount-plan.ts): the mounts stay in that namespace, and the folder stays empty.
 * Made once, removed when conform exits. Its name is made of plain characters, as mount options
 * need (an overlay's layers are named in them).
 */
export function stageFolder(): string {
  if (stage === undefined) {
    const base = realpathSync(tmpdir());
    const made = mkdtempSync(join(/^[\w/.-]+$/.test(base) ? base : '/tmp', 'conform-stage-'));
    stage = made;
    process.once('exit', () => {
      try {
        rmdirSync(made);
      } catch {
        // Gone already.
      }
    });
  }
  return stage;
}
