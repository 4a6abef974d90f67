import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/root';
import { FIXTURES_DIR } from '../fixtures/paths';

// The run's global teardown (tests/setup/global.ts) ends what a test left running and fails
// the run, loudly, even though every test passed.
it('a run whose test leaves a process running fails, names the process, and leaves nothing behind', () => {
  const run = spawnSync(process.execPath, [path.join(ROOT_DIR, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(FIXTURES_DIR, 'leaky-run', 'vitest.config.ts')], {
    cwd: ROOT_DIR,
    env: { ...process.env, TROPA_SKIP_BUILD: '1', TROPA_TEST_PROCESSES: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = run.stdout + run.stderr;
  expect(output).toMatch(/1 passed/);
  expect(output).toContain('a forgotten sleep');
  expect(output).toContain('the tests left 1 process(es) running');
  expect(run.status).toBe(1);
  const pid = Number(/pid (\d+): a forgotten sleep/.exec(output)?.[1]);
  expect(() => process.kill(pid, 0)).toThrow();
}, 90_000);
