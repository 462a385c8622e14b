import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from '../process-alive.js';

/** Where conform may make cgroups with a pids limit, or undefined where it may not (no privileges, no controller). */
let hierarchy: string | null | undefined;

/**
 * A cgroup of one server's processes with a cap on how many there may be: a fork bomb meets the cap,
 * and every process in it, a daemon that left its group and cleared its environment included, is found.
 */
export class PidsCgroup {
  readonly path: string;

  private constructor(path: string) {
    this.path = path;
  }

  /** A new cgroup allowing `maxProcs` tasks, or undefined where the system gives conform none. */
  static create(maxProcs: number): PidsCgroup | undefined {
    const base = pidsHierarchy();
    if (base === undefined) return undefined;
    const path = join(base, `conform-${process.pid}-${randomUUID()}`);
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pids.max'), String(maxProcs));
      return new PidsCgroup(path);
    } catch {
      tryRemove(path);
      return undefined;
    }
  }

  /** Written by the launcher with its own pid, before it becomes the server. */
  get procsFile(): string {
    return join(this.path, 'cgroup.procs');
  }

  /** Whether a fork or thread was refused because the cap was reached. */
  limitReached(): boolean {
    const events = readOr(join(this.path, 'pids.events'), '');
    const max = /^max (\d+)$/m.exec(events);
    return max !== null && Number(max[1]) > 0;
  }

  members(): number[] {
    return readOr(this.procsFile, '')
      .split('\n')
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
  }

  /** Removes the cgroup once it is empty; one still in use stays, to be removed by a later run. */
  remove(): void {
    tryRemove(this.path);
  }
}

function pidsHierarchy(): string | undefined {
  if (hierarchy === undefined) {
    hierarchy = findHierarchy() ?? null;
    if (hierarchy !== null) removeStale(hierarchy);
  }
  return hierarchy ?? undefined;
}

/** conform's own cgroup in the hierarchy with the pids controller (v1), or in the unified one (v2). */
function findHierarchy(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const own = readOr('/proc/self/cgroup', '').split('\n');
  for (const line of readOr('/proc/self/mountinfo', '').split('\n')) {
    const [before, after] = line.split(' - ');
    if (before === undefined || after === undefined) continue;
    const [, , , root = '/', mountPoint = ''] = before.split(' ');
    const [type, , options = ''] = after.split(' ');
    const v1 = type === 'cgroup' && options.split(',').includes('pids');
    if (!v1 && type !== 'cgroup2') continue;
    const entry = own.find((cgroup) => (v1 ? /^\d+:([^:]*,)?pids(,[^:]*)?:/ : /^0::/).test(cgroup));
    if (entry === undefined) continue;
    const path = entry.slice(entry.indexOf(':', entry.indexOf(':') + 1) + 1);
    const inside = path.startsWith(root) ? path.slice(root.length) : path;
    const base = join(mountPoint, inside);
    if (v1 || enablePids(base)) return base;
  }
  return undefined;
}

/** cgroup v2 gives a child the pids controller only when its parent passes it on. */
function enablePids(base: string): boolean {
  if (!readOr(join(base, 'cgroup.controllers'), '').split(' ').includes('pids')) return false;
  try {
    writeFileSync(join(base, 'cgroup.subtree_control'), '+pids');
    return true;
  } catch {
    return false;
  }
}

/**
 * Cgroups left by a conform that was killed: the empty ones go. Those of a conform still running
 * (another submission's, graded beside this one) stay, though they may be empty for a moment.
 */
function removeStale(base: string): void {
  try {
    for (const name of readdirSync(base)) {
      const owner = /^conform-(\d+)-/.exec(name)?.[1];
      if (name.startsWith('conform-') && (owner === undefined || !processAlive(Number(owner)))) {
        tryRemove(join(base, name));
      }
    }
  } catch {
    // Nothing to tidy.
  }
}

function tryRemove(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // In use, or gone.
  }
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}
