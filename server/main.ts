import { mkdir } from 'node:fs/promises';
import { setDb } from '../db';
import { openDb, type DbHandle } from '../db/client';
import { migrateDb } from '../db/migrate';
import { DEMO_DOMAIN, isEmpty, seedDemo } from '../db/seed-demo';
import { ROLES } from '../lib/permissions';
import { resolveAuthSecret } from './auth/secret';
import { loadConfig, type Config } from './config';
import { createTropaServer, type TropaServer } from './http';
import { setHealth } from './health';
import { ImportPool } from './import-pool/pool';
import { setImportPool } from './import-pool/registry';

const log = (msg: string) => console.log(`[tropa] ${msg}`);
process.env.NEXT_TELEMETRY_DISABLED ??= '1'; // no usage reports leave a school's server

/** Opens the database, migrates, seeds the demo when it should, and serves. */
export async function runServer({ dev }: { dev: boolean }): Promise<TropaServer> {
  const config: Config = loadConfig();
  let db: DbHandle;
  if (config.DATABASE_URL) {
    db = await openDb({ databaseUrl: config.DATABASE_URL });
  } else {
    await mkdir(config.dataDir, { recursive: true });
    db = await openDb({ dataDir: config.dataDir });
  }
  log(`database: ${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'Postgres (DATABASE_URL)'}`);
  await migrateDb(db);
  setDb(db);

  // A real Postgres never gets demo accounts unless asked for; the embedded one, when empty.
  if (config.SEED_DEMO || (db.kind === 'pglite' && (await isEmpty(db.db)))) {
    const outcome = await seedDemo(db.db, config.DEMO_PASSWORD);
    log(outcome === 'seeded' ? 'seeded the demo organisations, accounts and boards' : 'demo data already present');
    log(`demo accounts: ${ROLES.map((r) => `${r}@${DEMO_DOMAIN}`).join(', ')}; password: ${config.DEMO_PASSWORD}`);
  }

  const secret = await resolveAuthSecret(config, log);
  process.env.NEXTAUTH_SECRET = secret;
  if (config.PUBLIC_URL) process.env.NEXTAUTH_URL = config.PUBLIC_URL;
  else process.env.AUTH_TRUST_HOST = 'true'; // origin from the Host header, which http.ts vets

  const importPool = new ImportPool({
    workers: config.IMPORT_WORKERS,
    queue: 4 * config.IMPORT_WORKERS,
    perOwner: 2,
    memoryMb: config.IMPORT_WORKER_MEMORY_MB,
    timeoutMs: config.IMPORT_TIMEOUT_MS,
    log,
  });
  setImportPool(importPool);
  const tropa = await createTropaServer({ config, dev, db, secret, log });
  setHealth({ db: db.kind, redis: false, persistence: () => tropa.persistence.health });
  log(`listening on ${tropa.url}${dev ? ' (development)' : ''}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    await tropa.close().catch((err) => log(`close: ${(err as Error).message}`));
    await importPool.close();
    await db.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return tropa;
}

/** Entry points call this: a clear message and a non-zero exit for a failed start. */
export function main(dev: boolean) {
  runServer({ dev }).catch((err: Error & { code?: string }) => {
    console.error(`[tropa] cannot start: ${err.message}`);
    if (!err.code) console.error(err.stack);
    process.exit(1);
  });
}
