import { readFileSync } from 'node:fs';

/** conform's version, from its package.json (two folders up from both harness/cli and dist/harness/cli). */
export function conformVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const text = readFileSync(new URL(relative, import.meta.url), 'utf8');
      const parsed = JSON.parse(text) as { name?: string; version?: string };
      if (parsed.name === 'conform' && parsed.version !== undefined) return parsed.version;
    } catch {
      // Try the next place.
    }
  }
  return '0.0.0';
}
