import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** A limit this high means none: the kernel writes "max" (v2) or a page-rounded 2^63 (v1). */
const noLimit = 2 ** 60;

/** Where to find the memory controller's files, and what they are called, for each cgroup version. */
interface Layout {
  /** The cgroup's path, from /proc/self/cgroup. */
  readonly path: string;
  /** The folder that controller's hierarchy is mounted at. */
  readonly mount: string;
  readonly limitFile: string;
  readonly usageFile: string;
  /** The line of memory.stat counting page cache not touched lately, which the kernel reclaims first. */
  readonly inactiveFile: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function layoutOf(cgroupFile: string, root: string): Layout | undefined {
  const lines = cgroupFile.split('\n');
  // v1: "4:memory:/path" (the controller may share a line with others, "4:cpu,memory:/path").
  for (const line of lines) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    if (controllers?.split(',').includes('memory') === true && path !== undefined) {
      return {
        path,
        mount: join(root, 'memory'),
        limitFile: 'memory.limit_in_bytes',
        usageFile: 'memory.usage_in_bytes',
        inactiveFile: 'total_inactive_file',
      };
    }
  }
  // v2: "0::/path", one hierarchy for every controller.
  const unified = lines.find((line) => line.startsWith('0::'));
  if (unified === undefined || !existsSync(join(root, 'cgroup.controllers'))) return undefined;
  return {
    path: unified.slice(3),
    mount: root,
    limitFile: 'memory.max',
    usageFile: 'memory.current',
    inactiveFile: 'inactive_file',
  };
}

/**
 * The folders of the cgroup and each of its ancestors that this mount shows. Inside a container the
 * mount often shows the container's own cgroup as its root, while /proc/self/cgroup still names the
 * whole path: folders not there are passed over, and the mount's root is always looked at.
 */
function folders(layout: Layout): string[] {
  const found: string[] = [];
  for (let path = posix.normalize(layout.path); ; path = posix.dirname(path)) {
    const folder = join(layout.mount, path);
    if (existsSync(folder)) found.push(folder);
    if (path === '/' || path === '.') break;
  }
  if (!found.includes(layout.mount)) found.push(layout.mount);
  return found;
}

/** What one cgroup still allows: its limit less what it uses, page cache the kernel would reclaim not counted. */
function headroom(folder: string, layout: Layout): number | undefined {
  const limitText = readText(join(folder, layout.limitFile))?.trim();
  if (limitText === undefined || limitText === 'max') return undefined;
  const limit = Number(limitText);
  if (!Number.isFinite(limit) || limit >= noLimit) return undefined;
  const usage = Number(readText(join(folder, layout.usageFile)) ?? 0);
  const stat = readText(join(folder, 'memory.stat')) ?? '';
  const inactive = Number(new RegExp(`^${layout.inactiveFile} (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
  return Math.max(0, limit - Math.max(0, usage - inactive));
}

/**
 * A look at the memory conform's cgroup and its ancestors still allow, the tightest of them, in
 * bytes; or undefined where none limits it. Which cgroups those are is worked out once, here; each
 * look reads only their limits and usage. A container's limit is not in MemAvailable, which is the
 * host's: a grader in a container of 8 GiB on a host of 64 must count the 8.
 */
export function cgroupFreeMemorySampler(
  cgroupFile = readText('/proc/self/cgroup') ?? '',
  root = '/sys/fs/cgroup',
): () => number | undefined {
  const layout = layoutOf(cgroupFile, root);
  if (layout === undefined) return () => undefined;
  const limiting = folders(layout);
  return () => {
    const allowed = limiting
      .map((folder) => headroom(folder, layout))
      .filter((bytes): bytes is number => bytes !== undefined);
    return allowed.length === 0 ? undefined : Math.min(...allowed);
  };
}
