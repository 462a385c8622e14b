import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { within } from '../supervisor/sandbox/within.js';

/** A submission holding a link to files it does not own: a classmate's, the grades, the grader's. */
export class ForeignLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignLinkError';
  }
}

async function realOrSame(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * Refuses a folder submission with a symbolic link that leads out of it into a folder of others
 * (`forbidden`: the class, the grades, the grader's home): graded through it, a submission would be
 * graded as a classmate's server. Links inside the submission, and to the system's own files (a
 * virtual environment's python), are copied as links and never followed.
 */
export async function refuseForeignLinks(source: string, forbidden: readonly string[]): Promise<void> {
  const own = await realOrSame(source);
  const places = await Promise.all(forbidden.map(realOrSame));
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      if (!entry.isSymbolicLink()) continue;
      const target = await readlink(path);
      const lands = await realOrSame(resolve(dirname(path), target));
      if (within(lands, own) || !places.some((place) => within(lands, place))) continue;
      throw new ForeignLinkError(
        `${relative(source, path)} is a link to ${target}, outside the submission: a submission is graded on its own files (replace the link by the file itself)`,
      );
    }
  };
  if ((await lstat(source)).isDirectory()) await walk(source);
}
