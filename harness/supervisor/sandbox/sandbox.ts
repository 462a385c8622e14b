import { constants } from 'node:os';
import type { LaunchSpec } from '../server-process.js';
import { filesSupport, type Confinement, type FilesSupport } from './files-support.js';
import { launchWords } from './launch-words.js';
import type { Mounter } from './mount-steps.js';
import { probeNamespaces, type NamespaceSupport } from './namespaces.js';
import { PidsCgroup } from './pids-cgroup.js';
import { userProcessCap } from './rlimit-command.js';
import type { ServerLimits } from './server-limits.js';
import { serverView, sharedFolders } from './server-view.js';
import { toolchainFolders } from './toolchain-folders.js';

export type IsolateMode = 'auto' | 'on' | 'off';

/** The programs the sandbox is made with, found on PATH by the config layer; absent ones are not used. */
export interface SandboxTools {
  readonly sh: string;
  readonly setpriv?: string;
  readonly unshare?: string;
  readonly prlimit?: string;
  readonly ip?: string;
  /** Python 3.9 or later, for the connector; Node's own runs where it is missing. */
  readonly python?: string;
  /** Makes a server's view of the filesystem in one process where it is installed; the shell's steps otherwise. */
  readonly perl?: string;
}

export interface SandboxRequest {
  readonly limits: ServerLimits;
  readonly isolate: IsolateMode;
  readonly tools: SandboxTools;
  /** Folders no server may see: the grader's home, and with `conform grade` the class and its grades. */
  readonly hide: readonly string[];
  /** The grader's home (one of `hide`), which a server sees as an empty home of its own. */
  readonly home: string | undefined;
  /** Folders a server may read even inside a hidden one: conform's own package, say. */
  readonly expose: readonly string[];
  /** conform's PATH: the toolchains on it stay readable. */
  readonly searchPath: string;
}

/** What the run report says about the sandbox. */
export interface SandboxReport {
  readonly limits: ServerLimits;
  /** How the limits are enforced, e.g. "rlimits (prlimit), processes by cgroup". */
  readonly enforcedBy: string;
  readonly isolation: 'network and pid namespaces' | 'pid namespace' | 'none';
  /**
   * `confined`: a server sees its own folder and /tmp, writable up to the disk limit, a home and a
   * /proc of its own, the rest read-only, and the hidden folders not at all.
   */
  readonly files: 'confined' | 'not confined';
  /** Set when protection was wanted (auto) but is not all available here: the one-line note. */
  readonly note: string | undefined;
}

/** `--isolate on` where the system cannot isolate: nothing is tested (exit 3). */
export class IsolationUnavailable extends Error {}

/** One server's start, confined. */
export interface ConfinedLaunch {
  readonly spec: LaunchSpec;
  /** The server's cgroup, to find every process of it and see whether it met its process cap. */
  readonly cgroup: PidsCgroup | undefined;
  /**
   * The server runs in a pid namespace of its own: none of its processes can leave it, and all of
   * them end when its first process does, so none needs looking for by its tag. That first process
   * is a shell: a server killed by signal N shows as exit code 128+N.
   */
  readonly ownPidNamespace: boolean;
  /** The server has a network of its own: conform connects through the connector, over IPC. */
  readonly isolated: boolean;
  readonly limits: ServerLimits;
  /** Where what the server writes is counted, seen from its namespace, when its files are confined. */
  readonly writes: { readonly path: string; readonly sizeKib: number } | undefined;
}

/**
 * How conform starts untrusted servers: limits on memory, processes, CPU time and open files; a
 * pid namespace (and with isolation a network namespace) whose processes all end with the server's
 * first one; a filesystem view of its own (mount-plan.ts); and a parent-death signal, so a conform
 * killed with SIGKILL takes its servers with it.
 */
export class Sandbox {
  readonly report: SandboxReport;
  readonly #request: SandboxRequest;
  readonly #namespaces: NamespaceSupport;
  readonly #net: boolean;
  readonly #userProcs: number | undefined;
  /** What confined starts share; undefined where files are not confined. */
  readonly #files: Confinement | undefined;
  /** The toolchains every confined server may need, from PATH and the request. */
  readonly #toolchains: readonly string[];

  private constructor(
    request: SandboxRequest,
    namespaces: NamespaceSupport,
    net: boolean,
    files: FilesSupport,
  ) {
    this.#request = request;
    this.#namespaces = namespaces;
    this.#net = net;
    this.#files = files.confined;
    this.#userProcs = userProcessCap(request.limits.maxProcs);
    this.#toolchains =
      files.confined === undefined
        ? []
        : toolchainFolders({
            searchPath: request.searchPath,
            programs: [
              process.execPath,
              ...(request.tools.python === undefined ? [] : [request.tools.python]),
            ],
            folders: request.expose,
            hidden: files.confined.hidden,
          });
    const unisolated = request.isolate === 'auto' && !net ? (namespaces.why ?? 'unavailable') : undefined;
    const unconfined =
      request.isolate === 'auto' && files.confined === undefined ? (files.why ?? 'unavailable') : undefined;
    const missing =
      unisolated !== undefined && unisolated === unconfined
        ? [`servers are not isolated and their files are not confined: ${unisolated}`]
        : [
            ...(unisolated === undefined ? [] : [`servers are not isolated: ${unisolated}`]),
            ...(unconfined === undefined ? [] : [`servers' files are not confined: ${unconfined}`]),
          ];
    this.report = {
      limits: request.limits,
      enforcedBy: this.#enforcement(),
      isolation: net ? 'network and pid namespaces' : namespaces.pidFlags ? 'pid namespace' : 'none',
      files: files.confined === undefined ? 'not confined' : 'confined',
      note: missing.length === 0 ? undefined : `${missing.join('; ')} (--isolate off hides this note)`,
    };
  }

  /** `networkTables`: whether the platform can read a namespace's socket tables (/proc can, lsof cannot). */
  static prepare(request: SandboxRequest, networkTables = true): Sandbox {
    const probed = probeNamespaces(request.tools);
    const namespaces = networkTables
      ? probed
      : { ...probed, net: false, why: probed.why ?? 'only /proc can see the sockets of a network namespace' };
    const files: FilesSupport =
      request.isolate === 'off' ? { confined: undefined, why: undefined } : filesSupport(request, probed);
    if (request.isolate === 'on' && (!namespaces.net || files.confined === undefined)) {
      const why = namespaces.net ? `their files cannot be confined: ${files.why}` : namespaces.why;
      throw new IsolationUnavailable(
        `--isolate on: servers cannot be isolated here: ${why ?? 'unavailable'}; run as root on Linux, or use --isolate auto`,
      );
    }
    return new Sandbox(request, namespaces, request.isolate !== 'off' && namespaces.net, files);
  }

  /** Whether each server has a network of its own (a port of its own, whatever it binds). */
  get isolated(): boolean {
    return this.#net;
  }

  /** Whether each server sees a filesystem of its own (mount-plan.ts). */
  get confined(): boolean {
    return this.#files !== undefined;
  }

  /** What makes a confined server's view here: perl's system calls, or the shell's programs. */
  get viewMadeBy(): Mounter['name'] | undefined {
    return this.#files?.mounter.name;
  }

  /** `build`: a build step, whose writes to its folder are kept once it succeeds. */
  wrap(spec: LaunchSpec, role: 'server' | 'build' = 'server'): ConfinedLaunch {
    const cgroup = PidsCgroup.create(this.#request.limits.maxProcs);
    const files = this.#files;
    const view =
      files === undefined
        ? undefined
        : serverView({
            stage: files.stage,
            spec,
            role,
            hidden: files.hidden,
            privateDirs: files.privateDirs,
            home: this.#request.home,
            toolchains: this.#toolchains,
            searchPath: this.#request.searchPath,
            diskMb: this.#request.limits.diskMb,
          });
    const network = this.#net && role === 'server';
    const [file, ...args] = launchWords({
      spec,
      tools: this.#request.tools,
      limits: this.#request.limits,
      pidFlags: this.#namespaces.pidFlags,
      network,
      files: view === undefined || files === undefined ? undefined : { view, mounter: files.mounter },
      cgroup: cgroup !== undefined,
      userProcs: this.#userProcs,
    }) as [string, ...string[]];
    return {
      spec: { ...spec, file, args },
      cgroup,
      ownPidNamespace: this.#namespaces.pidFlags !== undefined,
      isolated: network,
      limits: this.#request.limits,
      writes: view === undefined ? undefined : { path: sharedFolders[0] as string, sizeKib: view.sizeKib },
    };
  }

  #enforcement(): string {
    const rlimits = this.#request.tools.prlimit !== undefined ? 'rlimits (prlimit)' : 'rlimits (ulimit)';
    const probe = PidsCgroup.create(this.#request.limits.maxProcs);
    probe?.remove();
    const procs =
      probe !== undefined
        ? 'processes by a pids cgroup'
        : this.#userProcs !== undefined
          ? 'processes by RLIMIT_NPROC'
          : 'processes not limited (needs a cgroup)';
    return `${rlimits}, ${procs}`;
  }
}

/** The exit of a server behind the namespace's shell: 128+N was signal N. */
export function signalFromExitCode(code: number | null): NodeJS.Signals | undefined {
  if (code === null || code <= 128) return undefined;
  const entry = Object.entries(constants.signals).find(([, number]) => number === code - 128);
  return entry?.[0] as NodeJS.Signals | undefined;
}
