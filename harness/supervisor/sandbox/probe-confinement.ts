import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sandboxFailure } from './init-script.js';

const probeTimeoutMs = 5000;

/**
 * Whether a server's files can be confined here: runs the whole of a confined start once, with
 * `true` for the server, in an empty folder of the stage's side. Returns why not, in a few words,
 * or undefined when it works. Costs some tens of milliseconds, once.
 */
export function probeConfinement(
  stage: string,
  words: (work: string) => readonly string[],
  env: Readonly<Record<string, string>>,
): string | undefined {
  const work = mkdtempSync(join(stage, '..', 'conform-probe-'));
  try {
    const [file, ...args] = words(work) as [string, ...string[]];
    const result = spawnSync(file, args, { cwd: work, env, encoding: 'utf8', timeout: probeTimeoutMs });
    if (result.status === 0) return undefined;
    const said = result.stderr
      .split('\n')
      .find((line) => line.startsWith(sandboxFailure))
      ?.slice(sandboxFailure.length)
      .trim();
    if (said !== undefined) return `the kernel refused a step: ${said}`;
    return result.error !== undefined
      ? `the sandbox's set-up did not run (${result.error.message})`
      : `the sandbox's set-up failed (${(result.stderr.trim().split('\n').pop() ?? '').slice(0, 200) || `exit code ${result.status}`})`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
