// Mutation testing (npm run mutate; by hand, not part of npm test): do the tests of the board
// model, the audit chain, the permissions and the Yjs write path notice a planted bug?
// Only the fast unit tests run (vitest.mutate.config.ts). The real-server and database tests
// that also cover server/yjs (rooms.ts, persistence.ts) take minutes per run, far too slow
// for one run per mutant: mutants there show up as "no coverage".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: ['lib/board/**/*.ts', 'lib/audit/**/*.ts', 'lib/permissions/**/*.ts', 'server/yjs/**/*.ts', '!**/*.test.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  // The sandbox needs the sources and configs only.
  ignorePatterns: ['.next', 'data', 'bench/results', 'test-results', 'reports', 'docs', 'app', 'components', 'tests/e2e'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  cleanTempDir: true,
  // Re-runs test only the mutants whose code or tests changed since the last run.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
};
