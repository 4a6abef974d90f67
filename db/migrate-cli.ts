// `npm run db:migrate`: apply db/migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { mkdir } from 'node:fs/promises';
import { openDb } from './client';
import { migrateDb } from './migrate';
import { dbTarget, loadConfig } from '../server/config';

try {
  const config = loadConfig();
  if (!config.DATABASE_URL) await mkdir(config.dataDir, { recursive: true });
  const handle = await openDb(dbTarget(config));
  await migrateDb(handle);
  await handle.close();
  console.log(`migrations applied (${handle.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'DATABASE_URL'})`);
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
