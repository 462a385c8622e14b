import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most of the time goes on waiting for servers, not on the CPU: two files at a time on two cores.
    maxWorkers: 2,
  },
});
