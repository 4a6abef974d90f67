import { buildIfNeeded } from '../../server/build';
import { ROOT_DIR } from '../../server/root';

// The server and browser tests run the production server, which needs a build: make one
// when there is none or the sources changed (as `npm start` does).
export default function setup() {
  if (process.env.TROPA_SKIP_BUILD === '1') return;
  buildIfNeeded(ROOT_DIR, (msg) => console.log(msg));
}
