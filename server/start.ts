// `npm start`: build when needed, then serve in production mode.
import { buildIfNeeded } from './build';
import { ROOT_DIR } from './root';

(process.env as Record<string, string>).NODE_ENV = 'production';
try {
  buildIfNeeded(ROOT_DIR);
} catch (err) {
  console.error(`[tropa] cannot start: ${(err as Error).message}`);
  process.exit(1);
}
await import('./index');
