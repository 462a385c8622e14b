import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fixture } from './toolchains.js';

/** Where a fixture table runs a fixture from: its path under fixtures/, mapped to a file. */
export type FixtureAt = (path: string) => string;

/**
 * Fixtures run from a folder of copies made on first use and removed when the test process ends:
 * the fixture tables look for servers left running by the fixtures' folder names, so a file that
 * runs the same servers beside them runs copies.
 */
export function fixtureCopies(prefix: string): { at: FixtureAt; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  const copied = new Set<string>();
  const at = (path: string): string => {
    const copy = join(folder, basename(path));
    if (!copied.has(path)) {
      copyFileSync(fixture(path), copy);
      copied.add(path);
    }
    return copy;
  };
  return { at, folder };
}
