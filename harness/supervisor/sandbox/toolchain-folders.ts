import { realpathSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, normalize } from 'node:path';
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
  // Both the path as named and where its links lead: a path through a link in a hidden folder
  // (~/.sdkman/candidates/java/current/bin on PATH) must lead somewhere there too.
  const named = (path: string): string[] => {
    const found = real(path);
    if (found === undefined) return [];
    // A link that leads into a hidden folder from outside it, or to one that holds a hidden folder,
    // shows nothing, by either name.
    const lexical = normalize(path);
    const crosses = input.hidden.some((hidden) => within(found, hidden) && !within(lexical, hidden));
    if (crosses || shows(found)) return [];
    return [...new Set([lexical, found])];
  };
  const candidates = [
    ...input.searchPath
      .split(delimiter)
      .filter((entry) => isAbsolute(entry))
      .flatMap(named)
      .map(installation),
    ...input.programs.flatMap(named).map((file) => installation(dirname(file))),
    ...input.folders.flatMap(named).map((folder) => (shows(folder) ? undefined : folder)),
  ];
  return [...new Set(candidates.filter((folder): folder is string => folder !== undefined))];
}
