import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/run-conform.js';
import { assertBuilt } from '../../hostile/conform-child.js';

const stageModule = join(repoRoot, 'dist', 'harness', 'supervisor', 'sandbox', 'stage-folder.js');

describe('the stage a conform makes servers’ views on', () => {
  it('is an empty folder of its own, gone when it exits, and takes with it those of conforms that were killed', () => {
    assertBuilt();
    const gone = spawnSync('true').pid;
    const stale = join(realpathSync(tmpdir()), `conform-stage-${gone}-left`);
    const alive = join(realpathSync(tmpdir()), `conform-stage-${process.pid}-alive`);
    mkdirSync(stale, { recursive: true });
    mkdirSync(alive, { recursive: true });
    try {
      const made = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { stageFolder } from ${JSON.stringify(stageModule)}; console.log(stageFolder());`,
        ],
        { encoding: 'utf8' },
      ).trim();
      expect(made).toMatch(/\/conform-stage-\d+-\w+$/);
      expect(existsSync(made)).toBe(false);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(alive)).toBe(true);
    } finally {
      spawnSync('rmdir', [stale, alive]);
    }
  });
});
