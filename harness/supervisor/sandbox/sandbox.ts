import { constants } from 'node:os';
import type { LaunchSpec } from '../server-process.js';
import { connectorFor } from './connector-script.js';
import { probeNamespaces, type NamespaceSupport } from './namespaces.js';
import { PidsCgroup } from './pids-cgroup.js';
import { rlimitCommand, userProcessCap } from './rlimit-command.js';
import type { ServerLimits } from './server-limits.js';

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
}

export interface SandboxRequest {
  readonly limits: ServerLimits;
  readonly isolate: IsolateMode;
  readonly tools: SandboxTools;
}

/** What the run report says about the sandbox. */
export interface SandboxReport {
  readonly limits: ServerLimits;
  /** How the limits are enforced, e.g. "rlimits (prlimit), processes by cgroup". */
  readonly enforcedBy: string;
  readonly isolation: 'network and pid namespaces' | 'pid namespace' | 'none';
  /** Set when isolation was wanted (auto) but is not available here: the one-line note. */
  readonly note: string | undefined;
}

/** `--isolate on` where the system cannot isolate: nothing is tested (exit 3). */
export class IsolationUnavailable extends Error {}

/** One server's start, confined. */
export interface ConfinedLaunch {
  readonly spec: LaunchSpec;
  /** The server's cgroup, to find every process of it and see whether it met its process cap. */
  readonly cgroup: PidsCgroup | undefined;
  /** A shell is the namespace's first process: a server killed by signal N shows as exit code 128+N. */
  readonly exitCodesCarrySignals: boolean;
  /** The server has a network of its own: conform connects through the connector, over IPC. */
  readonly isolated: boolean;
  readonly limits: ServerLimits;
}

/**
 * Pid namespace's first process: in a network namespace, brings the loopback up and starts the
 * connector (which takes the IPC channel; the server gets neither it nor its variables); passes
 * SIGTERM on, and waits for the server, whose exit status becomes its own. Signals the server
 * ignores have no effect on it, and when it ends every process of the namespace ends with it.
 */
const initScript = [
  'if [ "$1" != - ]; then "$1" link set lo up || exit 125; "$2" "$3" "$4" & exec 3>&-; fi',
  'shift 4',
  'unset NODE_CHANNEL_FD NODE_CHANNEL_SERIALIZATION_MODE',
  `trap 'kill -TERM "$c" 2>/dev/null' TERM INT HUP`,
  // sh gives a command run in the background /dev/null for input, even with <&0: a copy keeps the pipe.
  'exec 9<&0',
  '"$@" <&9 9<&- 3>&- &',
  'c=$!',
  'while :; do wait "$c"; s=$?; kill -0 "$c" 2>/dev/null || break; done',
  'exit "$s"',
].join('\n');

/**
 * How conform starts untrusted servers: limits on memory, processes, CPU time and open files; a
 * pid namespace (and with isolation a network namespace) whose processes all end with the server's
 * first one; and a parent-death signal, so a conform killed with SIGKILL takes its servers with it.
 */
export class Sandbox {
  readonly report: SandboxReport;
  readonly #request: SandboxRequest;
  readonly #namespaces: NamespaceSupport;
  readonly #net: boolean;
  readonly #userProcs: number | undefined;

  private constructor(request: SandboxRequest, namespaces: NamespaceSupport, net: boolean) {
    this.#request = request;
    this.#namespaces = namespaces;
    this.#net = net;
    this.#userProcs = userProcessCap(request.limits.maxProcs);
    this.report = {
      limits: request.limits,
      enforcedBy: this.#enforcement(),
      isolation: net ? 'network and pid namespaces' : namespaces.pidFlags ? 'pid namespace' : 'none',
      note:
        request.isolate === 'auto' && !net
          ? `servers are not isolated: ${namespaces.why ?? 'unavailable'} (--isolate off hides this note)`
          : undefined,
    };
  }

  /** `networkTables`: whether the platform can read a namespace's socket tables (/proc can, lsof cannot). */
  static prepare(request: SandboxRequest, networkTables = true): Sandbox {
    const probed = probeNamespaces(request.tools);
    const namespaces = networkTables
      ? probed
      : { ...probed, net: false, why: probed.why ?? 'only /proc can see the sockets of a network namespace' };
    if (request.isolate === 'on' && !namespaces.net) {
      throw new IsolationUnavailable(
        `--isolate on: servers cannot be isolated here: ${namespaces.why ?? 'unavailable'}; run as root on Linux, or use --isolate auto`,
      );
    }
    return new Sandbox(request, namespaces, request.isolate !== 'off' && namespaces.net);
  }

  /** Whether each server has a network of its own (a port of its own, whatever it binds). */
  get isolated(): boolean {
    return this.#net;
  }

  wrap(spec: LaunchSpec): ConfinedLaunch {
    const { tools, limits } = this.#request;
    const cgroup = PidsCgroup.create(limits.maxProcs);
    const pidFlags = this.#namespaces.pidFlags;
    const connector = connectorFor(tools.python);
    // The parent-death signal first: the sooner it is set, the shorter the time a conform killed then
    // leaves. The namespace's first process and the connector run outside the server's limits and
    // cgroup: a --memory or --max-procs meant for the server must not stop them.
    const words = [
      ...(tools.setpriv === undefined ? [] : [tools.setpriv, '--pdeathsig', 'KILL', '--']),
      ...(pidFlags === undefined
        ? []
        : [
            tools.unshare as string,
            ...pidFlags,
            ...(this.#net ? ['--net'] : []),
            '--',
            tools.sh,
            '-c',
            initScript,
            'sh',
            ...(this.#net
              ? [tools.ip as string, connector.program, connector.flags, connector.script]
              : ['-', '-', '-', '-']),
          ]),
      ...(cgroup === undefined
        ? []
        : [tools.sh, '-c', 'echo $$ >"$1" 2>/dev/null; shift; exec "$@"', 'sh', cgroup.procsFile]),
      ...rlimitCommand(limits, tools, cgroup === undefined ? this.#userProcs : undefined),
      spec.file,
      ...spec.args,
    ];
    const [file, ...args] = words as [string, ...string[]];
    return {
      spec: { ...spec, file, args },
      cgroup,
      exitCodesCarrySignals: pidFlags !== undefined,
      isolated: this.#net,
      limits,
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
