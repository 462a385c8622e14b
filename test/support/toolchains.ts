import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { repoRoot } from './run-conform.js';

const buildRoot = mkdtempSync(join(tmpdir(), 'conform-build-'));
let python: string | undefined;

/** The Python interpreter itself, not a version-manager shim in front of it (they add ~300 ms a start). */
export function pythonExecutable(): string {
  python ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  return python;
}

export function fixture(path: string): string {
  return join(repoRoot, 'fixtures', path);
}

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasGcc = has('gcc');
export const hasJavac = has('javac') && has('java');

/** Compiles a C fixture (once per test process) and returns the executable's path. */
export function compileC(source: string): string {
  const output = join(buildRoot, basename(source, '.c'));
  execFileSync(
    'gcc',
    ['-std=c11', '-Wall', '-Wextra', '-O2', '-D_GNU_SOURCE', '-o', output, fixture(source)],
    {
      stdio: 'pipe',
    },
  );
  return output;
}

/** Compiles a Java fixture and returns the class path to run it with. */
export function compileJava(source: string): string {
  const output = join(buildRoot, basename(source, '.java'));
  mkdirSync(output, { recursive: true });
  execFileSync('javac', ['-d', output, fixture(source)], { stdio: 'pipe' });
  return output;
}
