import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { findExecutable } from '../../config/find-executable.js';
import type { LaunchSpec } from '../server-process.js';
import type { ConfinedView } from './mount-plan.js';
import { toolchainFolders } from './toolchain-folders.js';

/**
 * Shared writable folders, and /run with the sockets of the machine's services (a read-only mount
 * does not stop a connect): each confined server gets empty ones of its own instead.
 */
export const sharedFolders = ['/tmp', '/var/tmp', '/dev/shm', '/run'];

export interface ServerViewInput {
  readonly stage: string;
  readonly spec: LaunchSpec;
  readonly role: 'server' | 'build';
  /** Existing folders, real paths. */
  readonly hidden: readonly string[];
  /** The shared writable folders this system has (sharedFolders), real paths. */
  readonly privateDirs: readonly string[];
  readonly home: string | undefined;
  /** The toolchains every server may need (toolchain-folders.ts). */
  readonly toolchains: readonly string[];
  readonly searchPath: string;
  readonly diskMb: number;
}

/**
 * What one server (or build) sees: its working folder writable, the hidden folders not at all, its
 * toolchains, the program it runs and the folders its command names (a script given by its path)
 * readable. Where conform is root, the server runs as the owner
 * of its folder (conform grade gives each work copy to an unprivileged user), without privileges.
 */
export function serverView(input: ServerViewInput): ConfinedView {
  const work = realpathSync(input.spec.cwd);
  const owner = statSync(work);
  const program = findExecutable(input.spec.file, input.spec.env.PATH ?? input.searchPath, input.spec.cwd);
  return {
    stage: input.stage,
    work: { path: work, mode: owner.mode },
    hidden: input.hidden,
    home: input.home === undefined ? undefined : realOrSame(input.home),
    privateDirs: input.privateDirs,
    exposed: [
      ...input.toolchains,
      ...toolchainFolders({
        searchPath: '',
        programs: program === undefined ? [] : [program],
        folders: namedFolders(input.spec.args),
        hidden: input.hidden,
      }),
    ],
    sizeKib: input.diskMb * 1024,
    runAs: process.getuid?.() === 0 && owner.uid !== 0 ? { uid: owner.uid, gid: owner.gid } : undefined,
    role: input.role,
  };
}

/** The folders of the files and folders the command names by absolute path: a script run from elsewhere. */
function namedFolders(args: readonly string[]): string[] {
  return args
    .filter((arg) => isAbsolute(arg) && existsSync(arg))
    .map((arg) => (statSync(arg).isDirectory() ? arg : dirname(arg)));
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The folders of `paths` that exist, as real paths, once each. */
export function existingFolders(paths: readonly string[]): string[] {
  return [
    ...new Set(
      paths
        .filter((path) => existsSync(path) && statSync(path).isDirectory())
        .map((path) => realpathSync(path)),
    ),
  ];
}
