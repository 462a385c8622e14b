import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';

export interface StressTarget {
  readonly suite: string;
  readonly name: string;
  /** conform's arguments after the options: the file, or `-- command`. */
  readonly target: readonly string[];
}

/** Every correct fixture of every suite; C is compiled once, Java runs from its source file. */
export function correctFixtures(): StressTarget[] {
  const build = mkdtempSync(join(tmpdir(), 'conform-stress-'));
  const targets: StressTarget[] = [];
  for (const suite of ['echo', 'broadcast', 'chat']) {
    const folder = join(repoRoot, 'fixtures', suite, 'correct');
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (name.endsWith('.c')) {
        const output = join(build, name.replace(/\.c$/, ''));
        execFileSync('gcc', ['-std=c11', '-O2', '-D_GNU_SOURCE', '-o', output, path]);
        targets.push({ suite, name, target: [output] });
      } else if (/\.(py|mjs|java)$/.test(name)) {
        targets.push({ suite, name, target: [path] });
      }
    }
  }
  return targets;
}
