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

/** A report file as given, and how to name its option in a message. */
export interface ReportFileRequest {
  /** `JSON report`, `junit report`. */
  readonly what: string;
  /** The option that gives the file: `--json`, `--reporter junit=`. */
  readonly option: string;
  readonly file: string;
  /** A file name to suggest when a folder was given. */
  readonly fileName: string;
}

/**
 * Why a report file could not be written, checked before the run so that its results are not lost
 * at the end; undefined when it can be. Folders that do not exist yet are created when writing.
 */
export function reportFileProblem(request: ReportFileRequest, cwd: string): string | undefined {
  const { what, option, file, fileName } = request;
  const flag = option.endsWith('=') ? option : `${option} `;
  const cannot = `cannot write the ${what} to ${file}`;
  const stats = statOf(resolve(cwd, file));
  if (stats?.isDirectory() === true) {
    return `${cannot}: it is a folder: give a file name, like ${flag}${join(file, fileName)}`;
  }
  if (stats !== undefined) {
    return allowed(resolve(cwd, file), constants.W_OK)
      ? undefined
      : `${cannot}: no permission to write it: choose another ${option.replace(/=$/, '')} file`;
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
    return `${cannot}: ${folder} is a file, not a folder: choose another ${option.replace(/=$/, '')} path`;
  }
  return allowed(resolve(cwd, folder), constants.W_OK | constants.X_OK)
    ? undefined
    : `${cannot}: no permission to create files in ${folder}: choose another ${option.replace(/=$/, '')} path`;
}

/** The JSON report's file, as `--json` gives it. */
export function jsonFileProblem(file: string, cwd: string): string | undefined {
  return reportFileProblem({ what: 'JSON report', option: '--json', file, fileName: 'report.json' }, cwd);
}
