import { mkdtempSync, readdirSync, realpathSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../process-alive.js';

let stage: string | undefined;

/**
 * An empty folder of this conform process's own, on which each confined server's namespace mounts
 * what it is given (mount-plan.ts): the mounts stay in that namespace, and the folder stays empty.
 * Made once, removed when conform exits; those of conforms killed before they could remove theirs
 * go when the next one starts. Its name is made of plain characters, as mount options need (an
 * overlay's layers are named in them).
 */
export function stageFolder(): string {
  if (stage === undefined) {
    const found = realpathSync(tmpdir());
    const base = /^[\w/.-]+$/.test(found) ? found : '/tmp';
    removeStale(base);
    const made = mkdtempSync(join(base, `conform-stage-${process.pid}-`));
    stage = made;
    process.once('exit', () => remove(made));
  }
  return stage;
}

function removeStale(base: string): void {
  try {
    for (const name of readdirSync(base)) {
      const owner = /^conform-stage-(\d+)-/.exec(name)?.[1];
      if (owner !== undefined && !processAlive(Number(owner))) remove(join(base, name));
    }
  } catch {
    // Nothing to tidy.
  }
}

/** Removes the folder if it is empty, as a stage always is outside its namespaces. */
function remove(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Gone already, or not ours to remove.
  }
}
