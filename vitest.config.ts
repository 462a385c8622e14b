import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The lsof platform's tables run in `npm run test:platforms` (vitest.platforms.config.ts).
    exclude: ['test/fixtures/lsof-*.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most of the time goes on waiting for servers, not on the CPU: two files at a time on two cores.
    maxWorkers: 2,
  },
});
