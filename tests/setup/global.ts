import { buildIfNeeded } from '../../server/build';
import { ROOT_DIR } from '../../server/root';
import { createRegistry, PROCESS_DIR_ENV, reapRegistry } from '../helpers/processes';

// The server and browser tests run the production server, which needs a build: make one
// when there is none or the sources changed (as `npm start` does). The test workers, forked
// after this, inherit the directory where they register every process they start; the
// teardown ends whatever is still running and fails the run if there was anything.
export default function setup() {
  const registry = createRegistry();
  process.env[PROCESS_DIR_ENV] = registry;
  if (process.env.TROPA_SKIP_BUILD !== '1') buildIfNeeded(ROOT_DIR, (msg) => console.log(msg));
  return async function teardown() {
    const left = await reapRegistry(registry);
    if (left.length) {
      const list = left.map((p) => `  pid ${p.pid}: ${p.what}`).join('\n');
      // vitest reports an error thrown here but would still exit 0: fail the run ourselves.
      process.exitCode = 1;
      console.error(`\n[tests] ${left.length} process(es) started by the tests were still running after them and had to be ended:\n${list}\n`);
      throw new Error(`the tests left ${left.length} process(es) running (ended by the global teardown): a helper does not stop what it started`);
    }
  };
}
