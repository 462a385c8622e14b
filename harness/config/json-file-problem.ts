import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the `--json` file could not be written, checked before the run so that its results are not
 * lost at the end; undefined when it can be. Folders that do not exist yet are created when writing.
 */
export function jsonFileProblem(file: string, cwd: string): string | undefined {
  const cannot = `cannot write the JSON report to ${file}`;
  const stats = statOf(resolve(cwd, file));
  if (stats?.isDirectory() === true) {
    return `${cannot}: it is a folder: give a file name, like --json ${join(file, 'report.json')}`;
  }
  if (stats !== undefined) {
    return allowed(resolve(cwd, file), constants.W_OK)
      ? undefined
      : `${cannot}: no permission to write it: choose another --json file`;
  }
  // The nearest folder that exists is where the missing ones will be created.
  let folder = dirname(file);
  let folderStats = statOf(resolve(cwd, folder));
  while (folderStats === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    folderStats = statOf(resolve(cwd, folder));
  }
  if (folderStats === undefined) return undefined;
  if (!folderStats.isDirectory()) {
    return `${cannot}: ${folder} is a file, not a folder: choose another --json path`;
  }
  return allowed(resolve(cwd, folder), constants.W_OK | constants.X_OK)
    ? undefined
    : `${cannot}: no permission to create files in ${folder}: choose another --json path`;
}
