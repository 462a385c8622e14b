import { describe, it } from 'vitest';
import type { PlatformName } from '../../harness/platform/platform.js';
import type { TableOptions } from './correct-servers.js';
import { fixtureCopies } from './fixture-copies.js';
import { hasLsof } from './toolchains.js';

/**
 * Options that run a fixture table through a forced platform, on copies in a folder of their own:
 * the tables' own files look for their servers left running by the fixtures' folders.
 */
export function platformTableOptions(platform: PlatformName): TableOptions {
  const { at, folder } = fixtureCopies(`conform-${platform}-fixtures-`);
  return {
    at,
    leftovers: folder,
    env: { CONFORM_PLATFORM: platform },
    titleSuffix: ` (platform ${platform})`,
  };
}

/** Runs `define` where lsof and ps are installed; elsewhere, one skipped test that says why. */
export function whereLsofRuns(title: string, define: () => void): void {
  if (hasLsof) define();
  else
    describe(title, () => it.skip('skipped: lsof is not installed (.ci/run installs it)', () => undefined));
}
