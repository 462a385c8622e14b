import { execFileSync } from 'node:child_process';

/** The Python interpreter itself, so a version-manager shim's start-up is not measured. */
export function pythonForBench(): string {
  return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}
