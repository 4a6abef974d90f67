import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadBoardLog } from '../../db/queries/boards';
import { boards, users } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { readBoard } from '../../lib/board/doc';
import { addCard } from '../../lib/board/ops';
import { BoardPersistence } from '../../server/yjs/persistence';
import { testDatabases, type TestDb } from '../helpers/db';

/*
 * Compaction beside writers, as with several instances on one Postgres: a compactor that
 * deletes log rows it did not merge (a row committed between its read and its delete) loses
 * cards. Only REPEATABLE READ makes "the rows it deletes are the rows it merged" hold.
 */
const WRITERS = 4;
const CARDS_EACH = 40;

describe.each(testDatabases())('compaction while writers append, on $name', (target) => {
  let handle: Awaited<ReturnType<TestDb['open']>>;
  beforeAll(async () => {
    handle = await target.open();
    await seedDemo(handle.db, 'tropa-demo');
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('keeps every card appended while it compacts, again and again', async () => {
    const db = handle.db;
    // The small pairs board: its compaction is quick, so many run while the writers write.
    const [board] = await db.select().from(boards).where(eq(boards.kind, 'pairs'));
    const [curator] = await db.select().from(users).where(eq(users.email, 'curator@demo.tropa'));
    const initial = (await loadBoardLog(db, board.id)).state;
    const silent = { db: () => db, log: () => {}, compactAfter: { updates: 1e9, bytes: 1e12 } };

    // Each writer is an instance of its own, with its own editor's document and queue. On
    // Postgres the race is a matter of timing, so it runs a few rounds (PGlite runs one
    // transaction at a time: one round is enough to show nothing is lost there).
    const title = (round: number, w: number, i: number) => `Писатель ${round}.${w} № ${i}`;
    const rounds = target.name === 'postgres' ? 3 : 1;
    for (let round = 0; round < rounds; round++) {
      let writing = WRITERS;
      const writer = async (w: number) => {
        const p = new BoardPersistence({ ...silent, commitWindowMs: 1 });
        const doc = new Y.Doc();
        Y.applyUpdate(doc, initial);
        const column = readBoard(doc).columns[w % 3].id;
        for (let i = 0; i < CARDS_EACH; i++) {
          const sv = Y.encodeStateVector(doc);
          const t = title(round, w, i);
          addCard(doc, { columnId: column, title: t });
          // As on a server, some batches carry audit rows (their transaction waits for the chain's
          // lock after inserting its log rows) and some do not (typing, coalesced for later).
          const audits = (w + i) % 2 ? [] : [{ actorId: curator.id, type: 'card.created', entityType: 'card', entityId: t, after: { title: t } }];
          p.enqueue(board.id, board.orgId, { update: Y.encodeStateAsUpdate(doc, sv), actorId: curator.id }, audits);
          await new Promise((r) => setTimeout(r, i % 2 ? 5 : 40));
        }
        await p.close();
        writing--;
      };
      const compactor = new BoardPersistence({ ...silent, commitWindowMs: 1 });
      let compactions = 0;
      const compacting = (async () => {
        while (writing > 0) {
          if ((await compactor.compact(board.id))?.merged) compactions++;
          // A macrotask between compactions: PGlite answers in microtasks, and the writers' timers must run.
          await new Promise((r) => setTimeout(r, 1));
        }
      })();
      await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), compacting]);
      expect(compactions).toBeGreaterThan(1); // it did run beside the writers
    }

    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadBoardLog(db, board.id)).state);
    const titles = new Set(readBoard(doc).columns.flatMap((c) => c.cards.map((k) => k.title)));
    const missing = [];
    for (let round = 0; round < rounds; round++) {
      for (let w = 0; w < WRITERS; w++) for (let i = 0; i < CARDS_EACH; i++) if (!titles.has(title(round, w, i))) missing.push(`${round}.${w}/${i}`);
    }
    expect(missing, `${missing.length} of ${rounds * WRITERS * CARDS_EACH} cards lost`).toEqual([]);
  });
});
