import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { repoRoot } from './run-conform.js';

let buildFolder: string | undefined;
const built = new Map<string, string>();
let python: string | undefined;

/** A folder for this test process's builds, made on first use and removed when the process exits. */
function buildRoot(): string {
  if (buildFolder === undefined) {
    const folder = mkdtempSync(join(tmpdir(), 'conform-build-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    buildFolder = folder;
  }
  return buildFolder;
}

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
export const hasLsof = has('lsof') && has('ps');

/**
 * Compiles a C fixture (once per test process) and returns the executable's path. The source sits
 * beside it, as in a student's folder: that is how conform tells a C server from other programs.
 */
export function compileC(source: string): string {
  return buildOnce(source, (output) => {
    execFileSync(
      'gcc',
      ['-std=c11', '-Wall', '-Wextra', '-O2', '-D_GNU_SOURCE', '-o', output, fixture(source)],
      { stdio: 'pipe' },
    );
    copyFileSync(fixture(source), `${output}.c`);
  });
}

/** Compiles a Java fixture (once per test process) and returns the class path to run it with. */
export function compileJava(source: string): string {
  return buildOnce(source, (output) => {
    mkdirSync(output, { recursive: true });
    execFileSync('javac', ['-d', output, fixture(source)], { stdio: 'pipe' });
  });
}

function buildOnce(source: string, build: (output: string) => unknown): string {
  let output = built.get(source);
  if (output === undefined) {
    output = join(buildRoot(), basename(source).replace(/\.(c|java)$/, ''));
    build(output);
    built.set(source, output);
  }
  return output;
}
