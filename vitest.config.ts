import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The lsof platform's tables run in `npm run test:platforms` (vitest.platforms.config.ts).
    exclude: ['test/fixtures/lsof-*.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Three files at a time on two cores: the tests wait on servers often enough that two left the
    // cores a tenth idle (npm test took 9.5 to 10 minutes with two, 8.5 to 9 with three).
    maxWorkers: 3,
  },
});
