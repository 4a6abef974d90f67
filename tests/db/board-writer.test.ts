import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardWriterFor, setBoardWriter } from '../../db/board-writer';
import { OFFLINE_COMPACT_AFTER, offlineBoardWriter } from '../../db/board-writer-offline';
import type { Db } from '../../db/client';
import { verifyAuditChains } from '../../db/queries/audit';
import { insertBoard, loadBoardLog } from '../../db/queries/boards';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import { auditEvents, boardSnapshots, boardUpdates, pairs } from '../../db/schema';
import { readBoard } from '../../lib/board/doc';
import { pairCardTitle } from '../../lib/board/pair-cards';
import { testDatabases, useTestDb } from '../helpers/db';
import { insertPair, insertPerson } from '../helpers/pairs';

async function pairsBoard(db: Db) {
  const org = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'organisation', name: 'Школа', slug: `s-${Math.random().toString(36).slice(2, 8)}` });
  const board = await insertBoard(db, SYSTEM, { orgId: org.id, kind: 'pairs', title: 'Пары', periodFrom: null, periodTo: null });
  const mentor = await insertPerson(db, org.id);
  const mentee = await insertPerson(db, org.id);
  return { org, board, mentor, mentee };
}

async function view(db: Db, boardId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadBoardLog(db, boardId)).state);
  return readBoard(doc);
}

const cardsIn = (v: Awaited<ReturnType<typeof view>>) => new Map(v.columns.flatMap((c) => c.cards.map((card) => [card.id, { column: c.id, ...card }] as const)));

describe.each(testDatabases())('the offline board writer on $name', (target) => {
  const t = useTestDb(target);

  t('adds a pair card and moves it: stored in the stage column with only {pairId}, audited as the live path audits', async (db) => {
    const { org, board, mentor, mentee } = await pairsBoard(db);
    const pairId = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee], number: 7 });
    const writer = offlineBoardWriter(db);
    await writer.pairCards(board.id, null, [{ op: 'add', pairId, title: pairCardTitle(7, 1), stage: 'intro' }]);
    await writer.pairCards(board.id, null, [{ op: 'move', pairId, stage: 'trial', reason: 'пропустили' }]);

    const card = cardsIn(await view(db, board.id)).get(pairId)!;
    expect(card.column).toBe('trial');
    expect(card.title).toBe('Пара № 7');
    expect(card.fields).toEqual({ pairId, comments: [] });
    const logged = await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id));
    expect(logged).toHaveLength(2);

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id)).orderBy(asc(auditEvents.id));
    expect(audit.map((a) => a.type)).toEqual(['board.created', 'card.created', 'pair.stage_changed']);
    expect(audit[1]).toMatchObject({ entityType: 'card', entityId: pairId, after: expect.objectContaining({ columnId: 'intro', title: 'Пара № 7', pairId }) });
    expect(audit[2]).toMatchObject({ entityType: 'pair', entityId: pairId, before: { stage: 'intro' }, after: { stage: 'trial', reason: 'пропустили' } });
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
  });

  t('folds a long log into a snapshot, as the live persistence does: the board reads the same, the log starts again', async (db) => {
    const { org, board, mentor, mentee } = await pairsBoard(db);
    const pairId = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee], number: 3 });
    const writer = offlineBoardWriter(db);
    await writer.pairCards(board.id, null, [{ op: 'add', pairId, title: pairCardTitle(3, 1), stage: 'intro' }]);
    // A log just under the threshold (updates that change nothing, as a burst of writes would leave them).
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    await db.insert(boardUpdates).values(Array.from({ length: OFFLINE_COMPACT_AFTER - 2 }, () => ({ boardId: board.id, update: empty, actorId: null })));
    expect((await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id))).length).toBe(OFFLINE_COMPACT_AFTER - 1);
    await writer.pairCards(board.id, null, [{ op: 'move', pairId, stage: 'trial', reason: null }]);
    expect(await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id))).toHaveLength(0);
    expect(await db.select().from(boardSnapshots).where(eq(boardSnapshots.boardId, board.id))).toHaveLength(1);
    expect(cardsIn(await view(db, board.id)).get(pairId)).toMatchObject({ column: 'trial', title: 'Пара № 3', fields: { pairId } });
    await writer.pairCards(board.id, null, [{ op: 'move', pairId, stage: 'planning', reason: 'x' }]); // the log goes on after the snapshot
    expect(await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id))).toHaveLength(1);
    expect(cardsIn(await view(db, board.id)).get(pairId)!.column).toBe('planning');
  });

  t('is idempotent: adding an existing card and moving to the same column change nothing', async (db) => {
    const { org, board, mentor, mentee } = await pairsBoard(db);
    const pairId = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee] });
    const writer = offlineBoardWriter(db);
    await writer.pairCards(board.id, null, [{ op: 'add', pairId, title: 'Пара № 1', stage: 'intro' }]);
    await writer.pairCards(board.id, null, [
      { op: 'add', pairId, title: 'Пара № 1', stage: 'trial' },
      { op: 'move', pairId, stage: 'intro' },
    ]);
    expect(cardsIn(await view(db, board.id)).get(pairId)!.column).toBe('intro');
    expect(await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id))).toHaveLength(1);
  });

  t('reconciles the board with the pairs table first: a pair without a card gets one, a card in another column is moved (actor null)', async (db) => {
    const { org, board, mentor, mentee } = await pairsBoard(db);
    const other = await insertPerson(db, org.id);
    const lost = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee, other], stage: 'planning', number: 3 });
    const mine = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee], stage: 'intro', number: 4 });
    await offlineBoardWriter(db).pairCards(board.id, null, [{ op: 'add', pairId: mine, title: 'Пара № 4', stage: 'intro' }]);
    const cards = cardsIn(await view(db, board.id));
    expect(cards.get(lost)).toMatchObject({ column: 'planning', title: 'Группа № 3', fields: { pairId: lost } });
    expect(cards.get(mine)).toMatchObject({ column: 'intro', title: 'Пара № 4' });
    const logged = await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id)).orderBy(asc(boardUpdates.seq));
    expect(logged.map((l) => l.actorId)).toEqual([null, null]);
  });

  t('a move of a pair whose card is missing gives the pair its card, in the stage the pairs table says', async (db) => {
    const { org, board, mentor, mentee } = await pairsBoard(db);
    const pairId = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee], stage: 'trial', number: 5 });
    await offlineBoardWriter(db).pairCards(board.id, null, [{ op: 'move', pairId, stage: 'trial' }]);
    expect(cardsIn(await view(db, board.id)).get(pairId)).toMatchObject({ column: 'trial', title: 'Пара № 5', fields: { pairId } });
  });

  // Outside the rolled-back transaction: concurrent writers on their own connections (Postgres's
  // pool; PGlite has one). Both see a pair without a card: under the board's lock the second
  // finds the card the first reconciled, so the board gets one card and one card.created.
  it('serialises concurrent offline writes on the board: nothing is lost, nothing is reconciled twice', async () => {
    const handle = await target.open();
    try {
      const db = handle.db;
      const { org, board, mentor, mentee } = await pairsBoard(db);
      const lost = await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee] });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push(await insertPair(db, { orgId: org.id, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee] }));
      // The writes name only their own pairs: `lost` is reconciled by whichever runs first.
      const writer = offlineBoardWriter(db);
      await Promise.all(ids.map((pairId, i) => writer.pairCards(board.id, null, [{ op: 'add', pairId, title: `Пара № ${i}`, stage: 'intro' }])));
      // As a verb does: the pairs table first (the truth reconciliation reads), then the card.
      await db.update(pairs).set({ stage: 'trial' }).where(inArray(pairs.id, ids));
      await Promise.all(ids.map((pairId) => writer.pairCards(board.id, null, [{ op: 'move', pairId, stage: 'trial' }])));
      const cards = cardsIn(await view(db, board.id));
      expect(cards.get(lost)?.column).toBe('intro');
      for (const id of ids) expect(cards.get(id)?.column).toBe('trial');
      const audit = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id));
      expect(audit.filter((a) => a.type === 'card.created').map((a) => a.entityId).sort()).toEqual([lost, ...ids].sort());
      expect(audit.filter((a) => a.type === 'pair.stage_changed')).toHaveLength(ids.length);
      expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
    } finally {
      await handle.dispose();
    }
  });

  t('boardWriterFor prefers the registered live writer', async (db) => {
    const live = { pairCards: async () => {}, pairsChanged: () => {}, restore: async () => ({ cardId: 'k' }) };
    setBoardWriter(live);
    try {
      expect(boardWriterFor(db)).toBe(live);
    } finally {
      setBoardWriter(null);
    }
    expect(boardWriterFor(db)).not.toBe(live);
  });
});
