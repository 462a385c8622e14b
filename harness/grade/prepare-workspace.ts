import { createHash } from 'node:crypto';
import { cp, lchown, mkdir, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { extractZip } from './extract-zip.js';
import { refuseForeignLinks } from './foreign-link.js';
import type { Submission } from './find-submissions.js';

/**
 * A fingerprint of what a student handed in: every file's path and bytes (a zip's own bytes), so a
 * class graded again skips exactly the submissions that have not changed.
 */
export async function submissionFingerprint(submission: Submission): Promise<string> {
  const hash = createHash('sha256');
  if (submission.kind === 'zip') {
    hash.update(await readFile(submission.source));
    return hash.digest('hex');
  }
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      const path = join(folder, entry.name);
      // Kind and length before each piece: no two different trees hash the same bytes.
      const kind = entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : entry.isSymbolicLink() ? 'l' : 'o';
      hash.update(`${kind}\0${relative(submission.source, path)}\0`);
      if (entry.isSymbolicLink()) hash.update(`${await readlink(path)}\0`);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path);
        hash.update(`${bytes.length}\0`);
        hash.update(bytes);
      }
    }
  };
  await walk(submission.source);
  return hash.digest('hex');
}

export interface WorkspaceOptions {
  /** Folders a link in the submission may not lead into (foreign-link.ts). */
  readonly forbidden: readonly string[];
  /** Who the copy is given to: the unprivileged user a root conform runs its servers as. */
  readonly owner: { readonly uid: number; readonly gid: number } | undefined;
}

/**
 * A fresh copy of the submission to build and run in, so grading never changes what was handed in
 * (and a build's output never makes it look changed). Links are copied as links, never followed; a
 * link into another's files is refused. A zip holding one folder and nothing else is graded from
 * inside that folder, as students often zip the folder itself.
 */
export async function prepareWorkspace(
  submission: Submission,
  folder: string,
  options: WorkspaceOptions = { forbidden: [], owner: undefined },
): Promise<string> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  if (submission.kind === 'folder') {
    await refuseForeignLinks(submission.source, options.forbidden);
    await cp(submission.source, folder, { recursive: true, verbatimSymlinks: true });
    if (options.owner !== undefined) await giveTo(folder, options.owner);
    return folder;
  }
  await extractZip(submission.source, folder);
  if (options.owner !== undefined) await giveTo(folder, options.owner);
  const entries = (await readdir(folder, { withFileTypes: true })).filter(
    (entry) => entry.name !== '__MACOSX',
  );
  const [only] = entries;
  return entries.length === 1 && only?.isDirectory() === true ? join(folder, only.name) : folder;
}

/** Gives a folder and everything in it to `owner` (links themselves, not what they lead to). */
async function giveTo(folder: string, owner: { readonly uid: number; readonly gid: number }): Promise<void> {
  await lchown(folder, owner.uid, owner.gid);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await giveTo(path, owner);
    else await lchown(path, owner.uid, owner.gid);
  }
}
