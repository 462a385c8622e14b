import type { NamespaceSupport } from './namespaces.js';
import { launchWords } from './launch-words.js';
import { perlMounter, shellMounter, type Mounter } from './mount-steps.js';
import { probeConfinement } from './probe-confinement.js';
import type { SandboxRequest } from './sandbox.js';
import { existingFolders, serverView, sharedFolders } from './server-view.js';
import { stageFolder } from './stage-folder.js';

/** What every confined start of a run shares, found once. */
export interface Confinement {
  /** Where servers' views are made, and what makes them. */
  readonly stage: string;
  readonly mounter: Mounter;
  /** The hidden folders that exist, as real paths. */
  readonly hidden: readonly string[];
  /** The shared writable folders this system has, which each server gets empty ones of instead. */
  readonly privateDirs: readonly string[];
}

export interface FilesSupport {
  /** Undefined where files cannot be confined. */
  readonly confined: Confinement | undefined;
  readonly why: string | undefined;
}

/**
 * Whether servers' files can be confined here, tried once with each way of making their view,
 * the quicker first.
 */
export function filesSupport(request: SandboxRequest, namespaces: NamespaceSupport): FilesSupport {
  if (namespaces.pidFlags === undefined) return { confined: undefined, why: namespaces.why };
  if (request.tools.setpriv === undefined) {
    return { confined: undefined, why: 'setpriv (util-linux) is not installed' };
  }
  const stage = stageFolder();
  const hidden = existingFolders(request.hide);
  const privateDirs = existingFolders(sharedFolders);
  let why: string | undefined;
  for (const mounter of [perlMounter(request.tools.perl), shellMounter(request.tools.sh)]) {
    if (mounter === undefined) continue;
    why = probeConfinement(
      stage,
      (work) => {
        const spec = { file: 'true', args: [], env: { PATH: request.searchPath }, cwd: work };
        const view = serverView({
          stage,
          spec,
          role: 'server',
          hidden,
          privateDirs,
          home: request.home,
          toolchains: [],
          searchPath: request.searchPath,
          diskMb: request.limits.diskMb,
        });
        return launchWords({
          spec,
          tools: request.tools,
          limits: request.limits,
          pidFlags: namespaces.pidFlags,
          network: false,
          files: { view, mounter },
          cgroup: false,
          userProcs: undefined,
        });
      },
      { PATH: request.searchPath },
    );
    if (why === undefined) return { confined: { stage, mounter, hidden, privateDirs }, why: undefined };
  }
  return { confined: undefined, why };
}
