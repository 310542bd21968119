import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn engine processes; two workers match the two cores we have.
    pool: 'forks',
    maxWorkers: 2,
  },
});
