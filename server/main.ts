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
import { writeUnsaved } from './yjs/unsaved';
import { ImportPool } from './import-pool/pool';
import { setImportPool } from './import-pool/registry';
import { setChartRenderer } from '../lib/reports/documents/chart-renderer';
import { startErasureSchedule } from './erasure';

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
  // The справка's charts are drawn here, outside Next's bundle (react-dom/server and resvg's native
  // binding are not allowed in a route handler); recharts loads with the first справка.
  setChartRenderer(async (report) => (await import('../lib/reports/documents/report-charts')).reportCharts(report));
  const tropa = await createTropaServer({ config, dev, db, secret, log });
  setHealth({ db: db.kind, redis: false, persistence: () => tropa.persistence.health });
  log(`listening on ${tropa.url}${dev ? ' (development)' : ''}`);

  startErasureSchedule(db.db, log, { kind: db.kind });
  installShutdown(config, db, tropa, importPool);
  return tropa;
}

/**
 * SIGTERM / SIGINT: close connections and store pending board writes, retrying for at most
 * SHUTDOWN_TIMEOUT_MS all told. Whatever cannot be stored by then (database gone, data
 * directory removed) is written out (writeUnsaved), said loudly, and the exit code is 1.
 */
function installShutdown(config: Config, db: DbHandle, tropa: TropaServer, importPool: ImportPool) {
  const started = { at: 0 };
  const giveUp = (why: string) => {
    const left = tropa.persistence.unsaved();
    if (!left.length) process.exit(0);
    const updates = left.reduce((n, b) => n + b.updates.length, 0);
    const audits = left.reduce((n, b) => n + b.audits.length, 0);
    const where = writeUnsaved(config.dataDir, left, `${why}; last database error: ${tropa.persistence.health.lastError ?? 'none'}`);
    const place = 'file' in where ? where.file : 'stderr above (base64 of each board\'s writes; decode one into DATA_DIR/unsaved-<name>.json to have it stored)';
    console.error(
      `[tropa] SHUTDOWN WITH UNSTORED WRITES: ${updates} board update(s) and ${audits} audit row(s) of ${left.length} board(s) (${left.map((b) => b.boardId).join(', ')}) ` +
        `could not be stored in the database (${why}). They are in ${place}; the next start on this DATA_DIR stores them.`,
    );
    process.exit(1);
  };
  const shutdown = async (signal: string) => {
    if (started.at) return; // a second signal does not cut the first shutdown short
    started.at = Date.now();
    const timeout = config.SHUTDOWN_TIMEOUT_MS;
    log(`${signal}: shutting down (storing pending board writes, at most ${timeout} ms)`);
    // The last resort, should anything hang past the retries' deadline.
    setTimeout(() => giveUp(`shutdown did not finish in ${timeout} ms`), timeout - 100);
    const { stored } = await tropa.close(started.at + Math.max(timeout - 1_000, timeout / 2)).catch((err: Error) => {
      log(`close: ${err.message}`);
      return { stored: false };
    });
    if (!stored) return giveUp(`still failing after retrying until the shutdown deadline`);
    await Promise.race([Promise.all([importPool.close().catch(() => {}), db.close().catch(() => {})]), new Promise((r) => setTimeout(r, 1_000))]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Entry points call this: a clear message and a non-zero exit for a failed start. */
export function main(dev: boolean) {
  runServer({ dev }).catch((err: Error & { code?: string }) => {
    console.error(`[tropa] cannot start: ${err.message}`);
    if (!err.code) console.error(err.stack);
    process.exit(1);
  });
}
