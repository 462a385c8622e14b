import { realpathSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute } from 'node:path';
import { within } from './within.js';

/** A folder of programs whose parent is the installation they belong to (pyenv's shims, nvm's bin). */
const programFolders = new Set(['bin', 'sbin', 'shims']);

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The folders a confined server may need to read though they lie in a folder it must not see (most
 * often the grader's home): the installation of each program it is run with (an interpreter under
 * ~/.pyenv), those of the folders on PATH (a version manager's shims need the rest of it), and
 * folders named outright (conform's own package). A folder that is, or holds, a hidden folder is
 * never one of them: it would show what is hidden.
 */
export function toolchainFolders(input: {
  readonly searchPath: string;
  readonly programs: readonly string[];
  readonly folders: readonly string[];
  readonly hidden: readonly string[];
}): string[] {
  const shows = (folder: string): boolean => input.hidden.some((hidden) => within(hidden, folder));
  const installation = (folder: string): string | undefined => {
    const parent = dirname(folder);
    if (programFolders.has(basename(folder)) && !shows(parent)) return parent;
    return shows(folder) ? undefined : folder;
  };
  const candidates = [
    ...input.searchPath
      .split(delimiter)
      .filter((entry) => isAbsolute(entry))
      .map(real)
      .map((folder) => (folder === undefined ? undefined : installation(folder))),
    ...input.programs.map(real).map((file) => (file === undefined ? undefined : installation(dirname(file)))),
    ...input.folders.map(real).map((folder) => (folder === undefined || shows(folder) ? undefined : folder)),
  ];
  return [...new Set(candidates.filter((folder): folder is string => folder !== undefined))];
}
