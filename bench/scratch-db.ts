import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDb, type DbHandle } from '../db/client';

/*
 * The database a bench runs on: BENCH_DB=postgres (default) makes a scratch database on
 * BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres) and drops it when disposed
 * (BENCH_KEEP=1 keeps it, for EXPLAIN ANALYZE by hand: drop it yourself afterwards);
 * BENCH_DB=pglite an in-memory PGlite.
 */
export const BENCH_DB_KIND = (process.env.BENCH_DB ?? 'postgres') as 'postgres' | 'pglite';
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openScratchDb(): Promise<DbHandle & { dispose(): Promise<void>; where: string }> {
  if (BENCH_DB_KIND === 'pglite') {
    const handle = await openDb({ dataDir: null });
    return { ...handle, where: 'PGlite in memory', dispose: () => handle.close() };
  }
  const name = `tropa_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ databaseUrl: url.toString() });
  return {
    ...handle,
    where: `Postgres ${url.host}/${name}`,
    async dispose() {
      await handle.close();
      if (process.env.BENCH_KEEP) return void console.log(`kept database ${name}`);
      const again = postgres(PG_URL, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
