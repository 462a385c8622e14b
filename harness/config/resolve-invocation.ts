import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../cli/package-root.js';
import { findExecutable } from './find-executable.js';

/** This package's own launcher, which an install links `conform` on PATH to. */
function ownLauncher(): string | undefined {
  const root = packageRoot()?.folder;
  return root === undefined ? undefined : join(root, 'bin', 'conform.js');
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * How a person runs conform again where they ran it, for replay lines: `npx conform` under npm (npx,
 * npm exec, or a package script, whose PATH holds node_modules/.bin only while npm runs it),
 * `conform` where `conform` on PATH is this package (`npm install -g`), and `npx conform` otherwise.
 */
export function resolveInvocation(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  launcher: string | undefined = ownLauncher(),
): string {
  const underNpm = (env.npm_command ?? '') !== '' || env.npm_lifecycle_event === 'npx';
  if (underNpm || launcher === undefined) return 'npx conform';
  const onPath = findExecutable('conform', env.PATH ?? '', cwd);
  return onPath !== undefined && sameFile(onPath, launcher) ? 'conform' : 'npx conform';
}
