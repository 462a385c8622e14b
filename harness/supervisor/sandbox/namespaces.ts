import { spawnSync } from 'node:child_process';

/** Which namespaces conform can give a server here, and the flags that make them. */
export interface NamespaceSupport {
  /** unshare's flags for a pid namespace, or undefined where none can be made. */
  readonly pidFlags: readonly string[] | undefined;
  /** Whether a network namespace with its loopback up can be made as well. */
  readonly net: boolean;
  /** Why not, in a few words, for the one-line note. */
  readonly why: string | undefined;
}

const probeTimeoutMs = 3000;
const pidNamespace = ['--pid', '--fork', '--kill-child=SIGKILL'];

/**
 * Tries what the kernel allows: as root, namespaces directly; otherwise inside a user namespace
 * (unprivileged user namespaces, where the distribution allows them). Costs a few milliseconds, once.
 */
export function probeNamespaces(tools: { unshare?: string; ip?: string }): NamespaceSupport {
  if (process.platform !== 'linux') return none('namespaces are a Linux feature');
  if (tools.unshare === undefined) return none('unshare (util-linux) is not installed');
  const user = process.getuid?.() === 0 ? [] : ['--user', '--map-root-user'];
  const pidFlags = [...user, ...pidNamespace];
  if (!runs(tools.unshare, [...pidFlags, 'true'])) {
    return none(
      user.length > 0
        ? 'this system does not let an unprivileged user make namespaces'
        : 'the kernel refused to make a namespace (a container without privileges?)',
    );
  }
  if (tools.ip === undefined) return { pidFlags, net: false, why: 'ip (iproute2) is not installed' };
  const net = runs(tools.unshare, [...pidFlags, '--net', tools.ip, 'link', 'set', 'lo', 'up']);
  return { pidFlags, net, why: net ? undefined : 'the kernel refused to make a network namespace' };
}

function none(why: string): NamespaceSupport {
  return { pidFlags: undefined, net: false, why };
}

function runs(file: string, args: readonly string[]): boolean {
  const result = spawnSync(file, args, { stdio: 'ignore', timeout: probeTimeoutMs });
  return result.status === 0;
}
