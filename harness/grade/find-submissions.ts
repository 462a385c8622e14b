import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** One student's work: a folder of the class folder, or a .zip in it. */
export interface Submission {
  /** The folder's name, or the zip's without `.zip`: unique in the class, and the row of every table. */
  readonly id: string;
  readonly source: string;
  readonly kind: 'folder' | 'zip';
}

/**
 * The submissions of a class folder: each immediate subfolder and each `.zip`, sorted by id. Hidden
 * entries and the output folder (when it lies inside the class folder) are not submissions; a zip
 * named like a folder gets `.zip` kept in its id, so no two ids clash.
 */
export function findSubmissions(classDir: string, outDir: string): Submission[] {
  const out = resolve(outDir);
  const entries = readdirSync(classDir, { withFileTypes: true }).filter(
    (entry) => !entry.name.startsWith('.') && resolve(classDir, entry.name) !== out,
  );
  const folders = new Set(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
  const submissions: Submission[] = [];
  for (const entry of entries) {
    const source = join(classDir, entry.name);
    if (entry.isDirectory()) submissions.push({ id: entry.name, source, kind: 'folder' });
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.zip')) {
      const stem = basename(entry.name).slice(0, -'.zip'.length);
      submissions.push({ id: folders.has(stem) || stem === '' ? entry.name : stem, source, kind: 'zip' });
    }
  }
  return submissions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
