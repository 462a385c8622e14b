import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** stress-ng, installed from Debian's packages when it is missing and the script may (root, apt-get). */
export function ensureStressNg(): boolean {
  if (has('stress-ng')) return true;
  if (process.getuid?.() !== 0 || !has('apt-get')) return false;
  console.log('installing stress-ng (apt-get)…');
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'stress-ng'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    return false;
  }
  return has('stress-ng');
}

/** Keeps every core busy until stopped: a slow machine must not make a correct server fail. */
export function startLoad(): ChildProcess {
  const cores = String(availableParallelism());
  const load = spawn('stress-ng', ['--cpu', cores, '--cpu-load', '100', '--quiet'], {
    stdio: 'ignore',
    detached: true,
  });
  load.on('error', () => undefined);
  return load;
}

export function stopLoad(load: ChildProcess): void {
  try {
    if (load.pid !== undefined) process.kill(-load.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
