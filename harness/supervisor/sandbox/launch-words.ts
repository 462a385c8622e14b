import type { LaunchSpec } from '../server-process.js';
import { connectorFor } from './connector-script.js';
import { initScript } from './init-script.js';
import { mountPlan, stepWords, type ConfinedView } from './mount-plan.js';
import type { Mounter } from './mount-steps.js';
import { rlimitCommand } from './rlimit-command.js';
import type { SandboxTools } from './sandbox.js';
import type { ServerLimits } from './server-limits.js';

/**
 * Run right after the parent-death signal is set: a conform that died before it was set (while the
 * start was under way) sends none, and its start must not go on without it. The shell's parent is
 * still conform's pid where conform lives; otherwise the start ends here.
 */
const parentStillThere = '[ "$PPID" = "$1" ] || exit 125; shift; exec "$@"';

/** Every capability dropped, for good: a confined server cannot undo its mounts or gain privileges. */
const noPrivileges = ['--no-new-privs', '--bounding-set', '-all', '--inh-caps', '-all'];

export interface LaunchWordsInput {
  readonly spec: LaunchSpec;
  readonly tools: SandboxTools;
  readonly limits: ServerLimits;
  /** unshare's flags for a pid namespace, or undefined where there is none. */
  readonly pidFlags: readonly string[] | undefined;
  /** A network of its own, reached through the connector. */
  readonly network: boolean;
  /** The filesystem it sees, where its files are confined, and what makes it. */
  readonly files: { readonly view: ConfinedView; readonly mounter: Mounter } | undefined;
  /** Whether descriptor 4 is its cgroup's cgroup.procs, to join. */
  readonly cgroup: boolean;
  /** RLIMIT_NPROC where there is no cgroup (rlimit-command.ts). */
  readonly userProcs: number | undefined;
}

/**
 * The command line of a confined start: the parent-death signal first (the sooner it is set, the
 * shorter the time a conform killed then leaves), and a check that conform did not die before it was
 * set; the namespaces, the making of the server's view
 * (mount-steps.ts), and their first process (init-script.ts), which runs outside the server's limits and cgroup (a --memory or --max-procs
 * meant for the server must not stop it or the connector); the cgroup, joined through descriptor 4
 * (the namespace's /sys is read-only); the limits; every privilege dropped; the server.
 */
export function launchWords(input: LaunchWordsInput): string[] {
  const { tools, spec } = input;
  const view = input.files?.view;
  const connector = connectorFor(tools.python);
  const steps = view === undefined ? [] : stepWords(mountPlan(view));
  return [
    ...(tools.setpriv === undefined
      ? []
      : [
          tools.setpriv,
          '--pdeathsig',
          'KILL',
          '--',
          tools.sh,
          '-c',
          parentStillThere,
          'sh',
          String(process.pid),
        ]),
    ...(input.pidFlags === undefined
      ? []
      : [
          tools.unshare as string,
          ...input.pidFlags,
          ...(input.network ? ['--net'] : []),
          ...(view === undefined ? [] : ['--mount', '--ipc']),
          '--',
          ...(input.files === undefined
            ? []
            : [...input.files.mounter.words, String(steps.length), ...steps]),
          tools.sh,
          '-c',
          initScript,
          'sh',
          view?.role ?? 'server',
          ...(input.network
            ? [tools.ip as string, connector.program, connector.flags, connector.script]
            : ['-', '-', '-', '-']),
          spec.cwd,
        ]),
    ...(input.cgroup ? [tools.sh, '-c', 'echo $$ >&4 || exit 125; exec "$@" 4>&-', 'sh'] : []),
    ...rlimitCommand(input.limits, tools, input.cgroup ? undefined : input.userProcs),
    ...(view === undefined
      ? []
      : [
          tools.setpriv as string,
          ...noPrivileges,
          ...(view.runAs === undefined
            ? []
            : ['--reuid', String(view.runAs.uid), '--regid', String(view.runAs.gid), '--clear-groups']),
          '--',
        ]),
    spec.file,
    ...spec.args,
  ];
}
