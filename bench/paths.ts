import { fileURLToPath } from 'node:url';

/** The package root, from bench/ in the sources or dist/bench/ when built. */
export const repoRoot = fileURLToPath(
  new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url),
);
