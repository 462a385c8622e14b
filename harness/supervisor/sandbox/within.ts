import { sep } from 'node:path';

/** Whether `path` is `folder` or lies inside it (both absolute and normal). */
export function within(path: string, folder: string): boolean {
  return path === folder || folder === sep || path.startsWith(`${folder}${sep}`);
}
