import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { offlineBoardWriter } from '../../db/board-writer-offline';
import { openDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { findUserByEmail } from '../../db/queries/users';
import { boards, pairMembers, pairs, people } from '../../db/schema';
import { demoEmail, seedDemo } from '../../db/seed-demo';
import type { PairStage } from '../../lib/pairs/types';
import type { Role } from '../../lib/permissions';
import { createScratchDatabase } from './db';

/*
 * Raw rows of pairs for tests of the live core (the board writers, reconciliation, the write
 * filter's ownership): a person (optionally linked to an account) and a pair with its members,
 * inserted directly, as a verb would have left them, without any card on the board.
 */
export async function insertPerson(db: Db, orgId: string, userId: string | null = null, name = 'Участник'): Promise<string> {
  const rows = await db
    .select({ n: sql<number>`coalesce(max(${people.number}), 0) + 1` })
    .from(people)
    .where(sql`${people.orgId} = ${orgId}`);
  const [row] = await db
    .insert(people)
    .values({ orgId, number: Number(rows[0].n), fullName: name, nameKey: name.toLowerCase(), category: 'teacher', userId })
    .returning({ id: people.id });
  return row.id;
}

export async function insertPair(
  db: Db,
  input: { orgId: string; boardId: string; mentorPersonId: string; menteePersonIds: string[]; stage?: PairStage; number?: number },
): Promise<string> {
  const number =
    input.number ??
    Number((await db.select({ n: sql<number>`coalesce(max(${pairs.number}), 0) + 1` }).from(pairs).where(sql`${pairs.orgId} = ${input.orgId}`))[0].n);
  const [pair] = await db
    .insert(pairs)
    .values({ orgId: input.orgId, boardId: input.boardId, number, form: 'учитель – учитель', startedOn: '2026-09-01', stage: input.stage ?? 'intro' })
    .returning({ id: pairs.id });
  await db.insert(pairMembers).values([
    { pairId: pair.id, personId: input.mentorPersonId, side: 'mentor' },
    ...input.menteePersonIds.map((personId) => ({ pairId: pair.id, personId, side: 'mentee' as const })),
  ]);
  return pair.id;
}

/**
 * A data directory with the demo seeded (as the server seeds an empty one) and `setup` run on
 * it, for a server started on it afterwards (startServer({ DATA_DIR })): the server holds an
 * embedded database alone, so rows a test needs are written before it starts.
 */
export async function prepareDataDir<T>(setup: (db: Db) => Promise<T>): Promise<{ dir: string; value: T }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tropa-pairs-'));
  const handle = await openDb({ dataDir: dir });
  try {
    await migrateDb(handle);
    await seedDemo(handle.db, 'tropa-demo');
    return { dir, value: await setup(handle.db) };
  } finally {
    await handle.close();
  }
}

/** The demo's pairs board, and the person record of a demo account (linked by the demo seed, or made and linked here). */
export async function demoPairs(db: Db) {
  const [board] = await db.select().from(boards).where(eq(boards.kind, 'pairs'));
  const personOf = async (role: Role): Promise<string> => {
    const user = (await findUserByEmail(db, demoEmail(role)))!;
    const [linked] = await db.select({ id: people.id }).from(people).where(eq(people.userId, user.id));
    return linked?.id ?? insertPerson(db, board.orgId, user.id, `Учётная запись ${role}`);
  };
  const userOf = async (role: Role) => (await findUserByEmail(db, demoEmail(role)))!.id;
  return { boardId: board.id, orgId: board.orgId, personOf, userOf };
}

/**
 * Where a server test runs: PGlite in a data directory always, and a scratch database on the
 * Postgres at TEST_DATABASE_URL when it is set. `prepare` seeds the demo and runs `setup` on the
 * database before the server starts on it (startServer({ ...env })).
 */
export type ServerTarget = {
  name: 'pglite' | 'postgres';
  prepare<T>(setup: (db: Db) => Promise<T>): Promise<{ env: Record<string, string>; value: T; dispose(): Promise<void> }>;
};
export function serverTargets(): ServerTarget[] {
  const targets: ServerTarget[] = [
    {
      name: 'pglite',
      async prepare(setup) {
        const { dir, value } = await prepareDataDir(setup);
        return { env: { DATA_DIR: dir }, value, dispose: () => rm(dir, { recursive: true, force: true }) };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    targets.push({
      name: 'postgres',
      async prepare(setup) {
        const scratch = await createScratchDatabase(url);
        const handle = await openDb({ databaseUrl: scratch.url });
        try {
          await migrateDb(handle);
          await seedDemo(handle.db, 'tropa-demo');
          const value = await setup(handle.db);
          return { env: { DATABASE_URL: scratch.url, AUTH_SECRET: 'pairs-test-secret-pairs-test-secret-0123' }, value, dispose: scratch.drop };
        } catch (err) {
          await scratch.drop();
          throw err;
        } finally {
          await handle.close();
        }
      },
    });
  }
  return targets;
}

/** The demo mentor's pair with the demo mentee (both accounts linked to their people), with its card, written by the board writer. */
export async function demoMentorPair(db: Db): Promise<string> {
  const d = await demoPairs(db);
  const pairId = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('mentor'), menteePersonIds: [await d.personOf('mentee')] });
  await offlineBoardWriter(db).pairCards(d.boardId, null, [{ op: 'add', pairId, title: 'Пара № 1', stage: 'intro' }]);
  return pairId;
}
