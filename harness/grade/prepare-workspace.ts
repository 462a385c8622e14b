import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { extractZip } from './extract-zip.js';
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
      hash.update(
        `${entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : 'o'}\0${relative(submission.source, path)}\0`,
      );
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

/**
 * A fresh copy of the submission to build and run in, so grading never changes what was handed in
 * (and a build's output never makes it look changed). A zip holding one folder and nothing else is
 * graded from inside that folder, as students often zip the folder itself.
 */
export async function prepareWorkspace(submission: Submission, folder: string): Promise<string> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  if (submission.kind === 'folder') {
    await cp(submission.source, folder, { recursive: true, verbatimSymlinks: true });
    return folder;
  }
  await extractZip(submission.source, folder);
  const entries = (await readdir(folder, { withFileTypes: true })).filter(
    (entry) => entry.name !== '__MACOSX',
  );
  const [only] = entries;
  return entries.length === 1 && only?.isDirectory() === true ? join(folder, only.name) : folder;
}
