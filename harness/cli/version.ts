import { packageRoot } from './package-root.js';

/** conform's version, from its package.json. */
export function conformVersion(): string {
  return packageRoot()?.version ?? '0.0.0';
}
