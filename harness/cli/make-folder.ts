import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Creates a folder and the missing ones above it, one level at a time. Node's recursive mkdir never
 * returns under a pseudo file system such as /proc (it spins on ENOENT); this fails at once instead.
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  for (let folder = path; ; folder = dirname(folder)) {
    const found = await stat(folder).then(
      (stats) => stats,
      () => undefined,
    );
    if (found !== undefined || dirname(folder) === folder) break;
    missing.unshift(folder);
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
