import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { execRows } from '../../db/rows';
import { afterAll, beforeAll, it } from 'vitest';
import { openDb, type Db, type DbHandle } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { findUserByEmail, loadPrincipal } from '../../db/queries/users';
import { demoEmail } from '../../db/seed-demo';
import type { Principal, Role } from '../../lib/permissions';

/**
 * The databases the contract suite runs on: PGlite always, and the real Postgres at
 * TEST_DATABASE_URL when it is set. Each opens a fresh, migrated database of its own
 * (a new PGlite in memory; a new Postgres database, dropped afterwards).
 */
export type TestDb = { name: 'pglite' | 'postgres'; open(): Promise<DbHandle & { dispose(): Promise<void> }> };

export function testDatabases(): TestDb[] {
  const targets: TestDb[] = [
    {
      name: 'pglite',
      async open() {
        const handle = await openDb({ dataDir: null });
        await migrateDb(handle);
        return { ...handle, dispose: () => handle.close() };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    targets.push({
      name: 'postgres',
      async open() {
        const { url: dbUrl, drop } = await createScratchDatabase(url);
        const handle = await openDb({ databaseUrl: dbUrl });
        await migrateDb(handle);
        return {
          ...handle,
          async dispose() {
            await handle.close();
            await drop();
          },
        };
      },
    });
  }
  return targets;
}

export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tropa_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

class Rollback extends Error {}

/** Runs a test body in a transaction that is always rolled back: tests never see each other. */
export async function inRollback(db: Db, body: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await body(tx as unknown as Db);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
}

/**
 * Inside a describe.each(testDatabases()): opens the target's database for the block and
 * returns `t`, an `it` whose body runs in a transaction that is rolled back afterwards.
 */
export function useTestDb(target: TestDb) {
  let handle: Awaited<ReturnType<TestDb['open']>> | undefined;
  beforeAll(async () => {
    handle = await target.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  return (name: string, body: (db: Db) => Promise<void>) => it(name, () => inRollback(handle!.db, body));
}

/** The principal of the demo account with this role (after seedDemo). */
export async function demoPrincipal(db: Db, role: Role): Promise<Principal> {
  const user = await findUserByEmail(db, demoEmail(role));
  return (await loadPrincipal(db, user!.id))!;
}

/** Every row of every table of the public schema as text: what a dump of the database would show. */
export async function dumpDatabase(db: Db): Promise<string> {
  const tables = await execRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await execRows<{ t: string }>(db, sql`select t::text as t from ${sql.identifier(table_name)} t`);
    parts.push(`-- ${table_name}\n${rows.map((r) => r.t).join('\n')}`);
  }
  return parts.join('\n');
}
