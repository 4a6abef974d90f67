import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): the fast unit tests of
// the mutated areas only, no server build, no databases. The convergence properties run
// fewer cases per mutant than in npm test; a run still takes long on two cores.
export default defineConfig({
  test: {
    include: ['lib/board/**/*.test.ts', 'lib/audit/**/*.test.ts', 'lib/permissions/**/*.test.ts', 'server/yjs/**/*.test.ts'],
    exclude: ['**/node_modules/**', '.stryker-tmp/**'],
    env: { CONVERGENCE_RUNS: '15' },
    pool: 'forks',
    testTimeout: 30_000,
  },
});
