import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the app codes against: PGlite and postgres.js both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /** For the migrator and for tests that need the driver itself. */
  driver: unknown;
  close(): Promise<void>;
};

export type DbTarget = { databaseUrl?: string; dataDir?: string | null };

export class DatabaseUnreachableError extends Error {
  readonly code = 'DB_UNREACHABLE';
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * PGlite (embedded WASM Postgres) when no DATABASE_URL is given: in dataDir, or in memory
 * when dataDir is null. postgres.js otherwise. The connection is checked before returning,
 * so a wrong DATABASE_URL fails at start with the variable and the host named.
 */
export async function openDb(target: DbTarget): Promise<DbHandle> {
  if (target.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(target.databaseUrl, {
      max: 10,
      connect_timeout: 5,
      onnotice: () => {},
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    try {
      await db.execute(sql`select 1`);
    } catch (err) {
      await client.end({ timeout: 1 }).catch(() => {});
      const reason = err instanceof Error ? err.message : String(err);
      throw new DatabaseUnreachableError(
        `DATABASE_URL: cannot connect to Postgres at ${describeTarget(target.databaseUrl)} (${reason})`,
      );
    }
    return { db, kind: 'postgres', driver: client, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  // pg_trgm: the banks' name search (migration 0006) uses a trigram index, as on Postgres.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const options = { extensions: { pg_trgm } };
  const client = target.dataDir ? new PGlite(target.dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', driver: client, close: () => client.close() };
}
