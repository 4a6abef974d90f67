import { createHash } from 'node:crypto';
import { asc, count, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { verifyAuditChains } from '../../db/queries/audit';
import { loadBoardPairs } from '../../db/queries/board-pairs';
import { loadBoardForRoom, loadBoardLog } from '../../db/queries/boards';
import { auditEvents, auditQuarantine, boards, boardSnapshots, boardUpdates, users } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { readBoard } from '../../lib/board/doc';
import { addCard, setCardText } from '../../lib/board/ops';
import { BoardPersistence, type BoardWriteStatus, type CommittedAudit } from '../../server/yjs/persistence';
import { BoardRooms } from '../../server/yjs/rooms';
import { testDatabases, useTestDb } from '../helpers/db';
import { eventually } from '../helpers/yjs-client';

/** A database that cannot be reached: a round's statement (log rows only) and its transaction (with audit rows) both fail. */
const unreachableDb = () => {
  const refuse = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  return { transaction: refuse, execute: refuse, insert: () => ({ values: refuse }) } as unknown as Db;
};

/** Edits on a copy of the board, each returned as the update a client would send. */
async function editor(db: Db, boardId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadBoardLog(db, boardId)).state);
  const column = readBoard(doc).columns[0].id;
  return (title: string) => {
    const sv = Y.encodeStateVector(doc);
    addCard(doc, { columnId: column, title });
    return Y.encodeStateAsUpdate(doc, sv);
  };
}

describe.each(testDatabases())('board persistence on $name', (target) => {
  const t = useTestDb(target);

  async function setup(db: Db) {
    await seedDemo(db, 'tropa-demo');
    const [board] = await db.select().from(boards).where(eq(boards.kind, 'roadmap'));
    const [curator] = await db.select().from(users).where(eq(users.email, 'curator@demo.tropa'));
    return { board, curator, edit: await editor(db, board.id) };
  }

  t('group-commits updates with their audit rows, attributed, in one chained trail', async (db) => {
    const { board, curator, edit } = await setup(db);
    const committed: CommittedAudit[] = [];
    const p = new BoardPersistence({ db: () => db, log: () => {}, commitWindowMs: 20, onCommitted: (_b, rows) => committed.push(...rows) });
    for (const title of ['Первое', 'Второе', 'Третье']) {
      p.enqueue(board.id, board.orgId, { update: edit(title), actorId: curator.id }, [
        { actorId: curator.id, type: 'card.created', entityType: 'card', entityId: title, after: { title } },
      ]);
    }
    await p.flush();
    const logged = await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id)).orderBy(asc(boardUpdates.seq));
    expect(logged.map((l) => l.actorId)).toEqual([curator.id, curator.id, curator.id]);
    expect(committed.map((r) => r.entityId)).toEqual(['Первое', 'Второе', 'Третье']);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadBoardLog(db, board.id)).state);
    expect(readBoard(doc).columns[0].cards.map((c) => c.title)).toEqual(expect.arrayContaining(['Первое', 'Второе', 'Третье']));
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
  });

  t('keeps writes in memory while the database is unreachable and writes them all, in order, when it returns', async (db) => {
    const { board, curator, edit } = await setup(db);
    let down = true;
    const unreachable = unreachableDb();
    const logs: string[] = [];
    const p = new BoardPersistence({ db: () => (down ? unreachable : db), log: (m) => logs.push(m), commitWindowMs: 5 });
    for (let i = 0; i < 5; i++) p.enqueue(board.id, board.orgId, { update: edit(`Офлайн ${i}`), actorId: curator.id }, []);
    await p.flush();
    expect(p.health).toMatchObject({ state: 'retrying', pendingUpdates: 5 });
    expect(logs.join('\n')).toContain('ECONNREFUSED');
    p.enqueue(board.id, board.orgId, { update: edit('Офлайн 5'), actorId: curator.id }, []);
    down = false;
    await p.flush();
    expect(p.health).toMatchObject({ state: 'ok', pendingUpdates: 0 });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadBoardLog(db, board.id)).state);
    const titles = readBoard(doc).columns[0].cards.map((c) => c.title);
    for (let i = 0; i <= 5; i++) expect(titles).toContain(`Офлайн ${i}`);
    expect(logs.at(-1)).toContain('reachable again');
  });

  t('compaction folds the log into one snapshot without changing the board', async (db) => {
    const { board, curator, edit } = await setup(db);
    const p = new BoardPersistence({ db: () => db, log: () => {}, commitWindowMs: 1, compactAfter: { updates: 1_000_000, bytes: 1 << 30 } });
    const trailBefore = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.boardId, board.id)); // the demo roadmap's past
    for (let i = 0; i < 120; i++) p.enqueue(board.id, board.orgId, { update: edit(`Карточка ${i}`), actorId: curator.id }, []);
    await p.flush();
    const before = (await loadBoardLog(db, board.id)).state;
    expect((await db.select({ n: count() }).from(boardUpdates).where(eq(boardUpdates.boardId, board.id)))[0].n).toBe(120);
    expect(await p.compact(board.id)).toEqual({ merged: 120 });
    expect((await db.select({ n: count() }).from(boardUpdates).where(eq(boardUpdates.boardId, board.id)))[0].n).toBe(0);
    expect((await db.select({ n: count() }).from(boardSnapshots).where(eq(boardSnapshots.boardId, board.id)))[0].n).toBe(1);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, before);
    Y.applyUpdate(b, (await loadBoardLog(db, board.id)).state);
    expect(readBoard(b)).toEqual(readBoard(a));
    expect(await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.boardId, board.id))).toEqual(trailBefore); // compaction audits nothing
  });

  t('compacts by itself once the log passes the threshold', async (db) => {
    const { board, curator, edit } = await setup(db);
    const p = new BoardPersistence({ db: () => db, log: () => {}, commitWindowMs: 1, compactAfter: { updates: 50, bytes: 1 << 30 } });
    for (let i = 0; i < 60; i++) p.enqueue(board.id, board.orgId, { update: edit(`Порог ${i}`), actorId: curator.id }, []);
    await p.flush();
    expect((await db.select({ n: count() }).from(boardUpdates).where(eq(boardUpdates.boardId, board.id)))[0].n).toBe(0);
  });
  t('writes several boards in one round, each with its own log and unbroken audit chain', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const [curator] = await db.select().from(users).where(eq(users.email, 'curator@demo.tropa'));
    const all = await db.select().from(boards);
    expect(all.length).toBeGreaterThan(1);
    const p = new BoardPersistence({ db: () => db, log: () => {}, commitWindowMs: 5 });
    const loggedBefore = new Map<string, number>(); // the demo pairs board has its pairs' cards logged already
    for (const board of all) loggedBefore.set(board.id, (await db.select({ n: count() }).from(boardUpdates).where(eq(boardUpdates.boardId, board.id)))[0].n);
    for (const board of all) {
      const edit = await editor(db, board.id);
      for (const title of ['Раз', 'Два']) {
        p.enqueue(board.id, board.orgId, { update: edit(`${title} ${board.id}`), actorId: curator.id }, [
          { actorId: curator.id, type: 'card.created', entityType: 'card', entityId: `${title} ${board.id}`, after: { title } },
        ]);
      }
    }
    await p.flush();
    expect(p.health).toMatchObject({ state: 'ok', pendingUpdates: 0 });
    for (const board of all) {
      const logged = await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id));
      expect(logged).toHaveLength(loggedBefore.get(board.id)! + 2);
      const trail = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id)).orderBy(asc(auditEvents.id));
      expect(trail.slice(-2).map((r) => r.entityId)).toEqual([`Раз ${board.id}`, `Два ${board.id}`]);
    }
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
  });

  // Outside the rolled-back test transaction: the fallback writes boards on connections of
  // their own, as the server does, which savepoints on one connection cannot stand in for.
  it('a board whose rows cannot be stored does not hold back the others, and keeps its own queued', async () => {
    const handle = await target.open();
    const db = handle.db;
    try {
      const { board, curator, edit } = await setup(db);
      const gone = crypto.randomUUID(); // no such board: its rows break the foreign key
      const logs: string[] = [];
      const p = new BoardPersistence({ db: () => db, log: (m) => logs.push(m), commitWindowMs: 5 });
      p.enqueue(gone, board.orgId, { update: edit('Пропавшая доска'), actorId: curator.id }, []);
      p.enqueue(board.id, board.orgId, { update: edit('Живая доска'), actorId: curator.id }, []);
      await p.flush();
      expect((await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id))).length).toBe(1);
      expect(p.health).toMatchObject({ state: 'retrying', pendingUpdates: 1 });
      expect(logs.join('\n')).toContain('cannot write to the database');
    } finally {
      await handle.dispose();
    }
  });

  t('stores values with U+0000 and lone surrogates, made storable, in an unbroken chain', async (db) => {
    const { board, curator, edit } = await setup(db);
    const p = new BoardPersistence({ db: () => db, log: () => {}, commitWindowMs: 5 });
    p.enqueue(board.id, board.orgId, { update: edit('Ноль'), actorId: curator.id }, [
      { actorId: curator.id, type: 'card.updated', entityType: 'card', entityId: 'id\u0000', before: { result: null }, after: { result: 'a\u0000b\ud800', ['k\u0000']: 1n } },
    ]);
    await p.flush();
    expect(p.health).toMatchObject({ state: 'ok', pendingUpdates: 0, quarantined: 0 });
    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id)).orderBy(desc(auditEvents.id)).limit(1);
    expect(row.entityId).toBe('id\ufffd');
    expect(row.after).toEqual({ result: 'a\ufffdb\ufffd', 'k\ufffd': '1' });
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
  });

  t('quarantines an audit row the database refuses, stores the edits, and holds nothing back', async (db) => {
    const { board, curator, edit } = await setup(db);
    const logs: string[] = [];
    const statuses: BoardWriteStatus[] = [];
    const p = new BoardPersistence({ db: () => db, log: (m) => logs.push(m), commitWindowMs: 5, onBoardStatus: (_b, s) => statuses.push(s) });
    const stranger = crypto.randomUUID(); // no such user: the row breaks a foreign key (23503), which no sanitising foresees
    const bad = { actorId: stranger, type: 'card.updated', entityType: 'card', entityId: 'c1', before: { result: null }, after: { result: 'плохо' } };
    p.enqueue(board.id, board.orgId, { update: edit('До'), actorId: curator.id }, [{ actorId: curator.id, type: 'card.created', entityType: 'card', entityId: 'c0', after: { title: 'До' } }]);
    p.enqueue(board.id, board.orgId, { update: edit('Во время'), actorId: curator.id }, [bad]);
    p.enqueue(board.id, board.orgId, { update: edit('После'), actorId: curator.id }, [{ actorId: curator.id, type: 'card.created', entityType: 'card', entityId: 'c2', after: { title: 'После' } }]);
    await p.flush();
    expect(p.health).toMatchObject({ state: 'ok', pendingUpdates: 0, quarantined: 1 });
    expect(statuses).toEqual([]); // never failing: the board's log went on
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadBoardLog(db, board.id)).state);
    expect(readBoard(doc).columns[0].cards.map((c) => c.title)).toEqual(expect.arrayContaining(['До', 'Во время', 'После']));
    const trail = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id)).orderBy(asc(auditEvents.id));
    expect(trail.filter((r) => r.entityType === 'card' && /^c\d$/.test(r.entityId ?? '')).map((r) => r.entityId)).toEqual(['c0', 'c2']); // beside the demo roadmap's past
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
    const [kept] = await db.select().from(auditQuarantine).where(eq(auditQuarantine.boardId, board.id));
    expect(kept.sha256).toBe(createHash('sha256').update(kept.content).digest('hex'));
    expect(JSON.parse(new TextDecoder().decode(kept.content))).toMatchObject({ ...bad, boardId: board.id });
    expect(kept.error).toMatch(/^\[23503\] /);
    expect(kept.error).not.toContain('плохо'); // the error names the refusal, not the values
    expect(logs.join('\n')).toMatch(new RegExp(`ALERT board ${board.id}: .*audit_quarantine \\(id ${kept.id}, sha256 ${kept.sha256}\\)`));
  });

  t('reports a board failing while its writes fail for want of a database, and ok again after', async (db) => {
    const { board, curator, edit } = await setup(db);
    let down = true;
    const unreachable = unreachableDb();
    const statuses: [string, BoardWriteStatus][] = [];
    const p = new BoardPersistence({ db: () => (down ? unreachable : db), log: () => {}, commitWindowMs: 5, onBoardStatus: (b, s) => statuses.push([b, s]) });
    p.enqueue(board.id, board.orgId, { update: edit('Ждёт'), actorId: curator.id }, []);
    await p.flush();
    expect(p.boardStatus(board.id)).toBe('failing');
    await p.flush(); // still failing: told once
    down = false;
    await p.flush();
    expect(p.boardStatus(board.id)).toBe('ok');
    expect(statuses).toEqual([
      [board.id, 'failing'],
      [board.id, 'ok'],
    ]);
  });

  // A room answers from the stored snapshot while its document is built (server/yjs/rooms.ts); here
  // the build waits on the pairs table (loadPairs, held), so the window stays open.
  t('a board slow to build: its clients get it from the stored bytes, and an edit sent meanwhile is applied, fanned out and stored', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const [board] = await db.select().from(boards).where(eq(boards.kind, 'pairs'));
    const [curator] = await db.select().from(users).where(eq(users.email, 'curator@demo.tropa'));
    // Compacted: only a board stored as its snapshot alone is answered from it (lib/realtime/stored-sync.ts).
    await new BoardPersistence({ db: () => db, log: () => {} }).compact(board.id);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadBoardLog(db, board.id)).state);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const rooms = new BoardRooms({
      load: (id) => loadBoardForRoom(db, id),
      loadPairs: async (id) => (await held, loadBoardPairs(db, id)),
      persistence: new BoardPersistence({ db: () => db, log: () => {}, commitWindowMs: 5 }),
      maxMessageBytes: 1 << 20,
      maxDecodeMs: 250,
      typingQuietMs: 50,
      log: () => {},
    });
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws) => void rooms.join(board.id, { ws, userId: curator.id, name: 'Куратор', scope: 'all' }));
    await new Promise((r) => wss.once('listening', r));
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
    const client = () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(url, board.id, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
      const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
      return { doc, provider, synced };
    };
    const within2s = (p: Promise<void>) => Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error('not synced in 2 s')), 2000))]);
    const a = client();
    const b = client();
    try {
      await within2s(a.synced);
      expect(readBoard(a.doc)).toEqual(readBoard(stored));
      const card = readBoard(a.doc).columns.flatMap((c) => c.cards)[0];
      setCardText(a.doc, card.id, 'description', 'Пока доска открывается');
      await within2s(b.synced); // joined meanwhile, and the room is not built yet
      expect(rooms.loaded(board.id)).toBeUndefined();
      release();
      await eventually(() => expect(readBoard(b.doc)).toEqual(readBoard(a.doc)));
      expect(readBoard(rooms.loaded(board.id)!)).toEqual(readBoard(a.doc));
      await rooms.closeAll();
      const after = new Y.Doc();
      Y.applyUpdate(after, (await loadBoardLog(db, board.id)).state);
      expect(readBoard(after)).toEqual(readBoard(a.doc));
    } finally {
      release();
      a.provider.destroy();
      b.provider.destroy();
      await rooms.closeAll();
      await new Promise((r) => wss.close(r));
    }
  });
});
