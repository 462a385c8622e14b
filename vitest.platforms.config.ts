import { defineConfig } from 'vitest/config';

/**
 * `npm run test:platforms`: the buggy-server tables again, through the lsof platform (as conform
 * runs on macOS). Left out of `npm test` for its time; CI runs both.
 */
export default defineConfig({
  test: {
    include: ['test/fixtures/lsof-*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
