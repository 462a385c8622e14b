import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * conform's own package folder and package.json: two folders up from harness/cli when run from
 * source, three from dist/harness/cli when built.
 */
export function packageRoot(): { readonly folder: string; readonly version: string } | undefined {
  for (const relative of ['../../', '../../../']) {
    const folder = new URL(relative, import.meta.url);
    try {
      const parsed = JSON.parse(readFileSync(new URL('package.json', folder), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (parsed.name === 'conform' && parsed.version !== undefined) {
        return { folder: fileURLToPath(folder), version: parsed.version };
      }
    } catch {
      // Try the next place.
    }
  }
  return undefined;
}
