import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
    // The Postgres outage test needs a real Postgres to cut off: it runs with TEST_DATABASE_URL
    // (as in CI), like the Postgres half of the database contract suite.
    exclude: ['**/node_modules/**', '.stryker-tmp/**', ...(process.env.TEST_DATABASE_URL ? [] : ['tests/reliability/pg-outage.test.ts'])],
    // Integration tests start real servers and databases; two cores, so keep forks few.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 240_000,
    globalSetup: ['tests/setup/global.ts'],
  },
});
