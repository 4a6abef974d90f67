import { asc, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { appendAuditBatch } from '../../db/audit';
import type { Db } from '../../db/client';
import { asOfTime, boardAsOf, fillCheckpoints, MAX_CHECKPOINT_WRITES, restoreBoardEvent } from '../../db/queries/board-history';
import { createBoard, loadBoardLog } from '../../db/queries/boards';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditCheckpoints, auditEvents, boardUpdates } from '../../db/schema';
import { auditRow } from '../../lib/audit/audit-row';
import { BoardProjector } from '../../lib/audit/projector';
import { addCard, addColumn, addComment, moveCard, removeCard, removeColumn, renameColumn, setCardText, updateCard } from '../../lib/board/ops';
import { liveView, type AsOfView } from '../../lib/history/replay';
import type { Principal, Role } from '../../lib/permissions';
import { testDatabases, useTestDb } from '../helpers/db';

/*
 * The board as of a moment (db/queries/board-history.ts) on PGlite and Postgres: rebuilt from the
 * board's trail, from its nearest checkpoint; checkpoints written while replaying give the same
 * boards as a replay from the start; rows written late (an earlier `at` after later rows) count
 * at their time. And restore through the offline board writer (no server in this process).
 */
type Setup = Awaited<ReturnType<typeof setup>>;

async function setup(db: Db, stepMs = 60_000) {
  const slug = `s-${Math.random().toString(36).slice(2, 8)}`;
  const school = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'organisation', name: 'Школа № 5', slug });
  const other = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'organisation', name: 'Школа № 6', slug: `${slug}-o` });
  const people: Partial<Record<Role | 'outsider', Principal>> = {};
  for (const role of ['curator', 'head', 'member', 'viewer', 'outsider'] as const) {
    const user = await createUser(db, SYSTEM, { email: `${role}-${slug}@school.ru`, name: role, password: 'password-1' }, { orgId: role === 'outsider' ? other.id : school.id, role: role === 'outsider' ? 'curator' : role });
    people[role] = (await loadPrincipal(db, user.id))!;
  }
  const board = await createBoard(db, SYSTEM, { orgId: school.id, kind: 'roadmap', title: 'Дорожная карта', periodFrom: null, periodTo: null });
  const [created] = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadBoardLog(db, board.id)).state);
  const projector = new BoardProjector(doc);
  const columns = [...doc.getMap('columns').keys()];
  /** The live view after each change, at the change's time. */
  const views: { at: Date; view: AsOfView }[] = [{ at: created.at, view: liveView(doc) }];
  let clock = created.at.getTime();
  /** Applies a change as the server would and writes its update and audit rows, stamped `late` ms before the change's own time if given. */
  const change = async (fn: (d: Y.Doc) => void, opts: { late?: number } = {}) => {
    const sv = Y.encodeStateVector(doc);
    const events = projector.capture(() => fn(doc));
    clock += stepMs;
    const at = new Date(clock - (opts.late ?? 0));
    await db.insert(boardUpdates).values({ boardId: board.id, update: Y.encodeStateAsUpdate(doc, sv), actorId: people.curator!.id });
    const rows = await appendAuditBatch(db, board.id, school.id, events.map((e) => auditRow(people.curator!.id, at, e)));
    if (!opts.late) views.push({ at, view: liveView(doc) });
    return rows;
  };
  return { school, people: people as Record<Role | 'outsider', Principal>, board, created, doc, columns, views, change };
}

/** A scripted history: cards added, moved, edited, commented, deleted; columns added, renamed, removed. */
async function history(s: Setup, n: number) {
  for (let i = 0; i < n; i++) {
    const id = `k${i % 7}`;
    const [a, b, c] = live(s.doc);
    const card = s.doc.getMap<Y.Map<unknown>>('cards').get(id);
    if (!card) await s.change((d) => void addCard(d, { id, columnId: [a, b, c][i % 3], title: `Мероприятие ${i}`, fields: { status: 'todo', checklist: [] } }));
    else if (i % 11 === 0) await s.change((d) => removeCard(d, id));
    else if (i % 5 === 0) await s.change((d) => moveCard(d, id, [a, b, c][(i + 1) % 3], 0));
    else if (i % 5 === 1) await s.change((d) => setCardText(d, id, 'title', `Мероприятие ${i}`));
    else if (i % 5 === 2) await s.change((d) => updateCard(d, id, { status: i % 2 ? 'done' : 'in_progress', checklist: [{ id: `i${i}`, text: 'шаг', done: i % 2 === 0 }] }));
    else if (i % 5 === 3) await s.change((d) => void addComment(d, id, { authorId: s.people.curator.id, at: new Date(2025, 0, 1, 0, i).toISOString(), text: `Комментарий ${i}` }));
    else await s.change((d) => setCardText(d, id, 'description', `Описание ${i}`));
    if (i === Math.floor(n / 2)) {
      await s.change((d) => void addColumn(d, { id: 'x', title: 'Мониторинг', index: 1 }));
      await s.change((d) => renameColumn(d, 'x', 'Мониторинг и оценка'));
      await s.change((d) => removeColumn(d, c));
    }
  }
}

/** The board's live columns, in order. */
const live = (doc: Y.Doc) => liveView(doc).columns.map((col) => col.id);

const asOf = (s: Setup, db: Db, at: Date, every?: number) => boardAsOf(db, s.people.head, s.board.id, at, every ? { checkpointEvery: every, maxCheckpointWrites: Infinity } : {});
const shape = (v: { columns: AsOfView['columns'] }) => ({ columns: v.columns });

describe.each(testDatabases())('the board as of a moment on $name', (target) => {
  const t = useTestDb(target);

  t('board.created carries the starting content: as of its creation the board is the board as created', async (db) => {
    const s = await setup(db);
    expect(s.created.after).toMatchObject({ title: 'Дорожная карта', kind: 'roadmap', content: { columns: expect.any(Object), cards: {} } });
    const result = await asOf(s, db, s.created.at);
    expect(shape(result)).toEqual(s.views[0].view);
    expect(result.columns.map((c) => c.title)[0]).toBe('Подготовка условий для запуска программы наставничества');
    expect(result).toMatchObject({ at: s.created.at.toISOString(), eventId: s.created.id, prev: null, next: null });
    // Before the board existed: nothing.
    expect(await asOf(s, db, new Date(s.created.at.getTime() - 1))).toEqual({ at: new Date(s.created.at.getTime() - 1).toISOString(), eventId: null, prev: null, next: { id: s.created.id, at: s.created.at.toISOString() }, columns: [] });
  });

  t('as of every change it is the live board then; checkpoints written on the way give the same boards, and are used', async (db) => {
    const s = await setup(db);
    await history(s, 40);
    // Cold, from the start, a checkpoint every 5 rows: every moment, in random order.
    const order = s.views.map((_, i) => i).sort((x, y) => ((x * 7919) % 31) - ((y * 7919) % 31));
    for (const i of order) expect(shape(await asOf(s, db, s.views[i].at, 5)), `as of view ${i}`).toEqual(s.views[i].view);
    const stored = await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.boardId, s.board.id)).orderBy(asc(auditCheckpoints.eventId));
    expect(stored.length).toBeGreaterThan(5);
    // Spaced by 5 rows of the board, each `at` the time of its own row (no row was late here).
    const ids = (await db.select({ id: auditEvents.id, at: auditEvents.at }).from(auditEvents).where(eq(auditEvents.boardId, s.board.id)).orderBy(asc(auditEvents.id))).map((r) => r.id);
    expect(stored.map((c) => ids.indexOf(c.eventId) + 1)).toEqual(stored.map((_, i) => 5 * (i + 1)));
    // A checkpoint's state is what replaying from the start gives: a corrupted one would show.
    await db.update(auditCheckpoints).set({ state: { v: 1, content: { meta: {}, columns: {}, cards: {} } } }).where(eq(auditCheckpoints.eventId, stored[0].eventId));
    const between = s.views.find((v) => v.at > stored[0].at && v.at < stored[1].at)!;
    expect(shape(await asOf(s, db, between.at))).toEqual({ columns: [] }); // read from the checkpoint indeed
    await db.delete(auditCheckpoints).where(eq(auditCheckpoints.boardId, s.board.id));
    expect(shape(await asOf(s, db, between.at))).toEqual(between.view);
  });

  t('a request writes a few checkpoints of the grid: the last it passed and others spread before it', async (db) => {
    const s = await setup(db);
    await history(s, 40);
    const ids = (await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.boardId, s.board.id)).orderBy(asc(auditEvents.id))).map((r) => r.id);
    const stored = async () => (await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.boardId, s.board.id)).orderBy(asc(auditCheckpoints.eventId))).map((c) => ids.indexOf(c.eventId) + 1);
    const last = s.views.at(-1)!;
    await boardAsOf(db, s.people.head, s.board.id, last.at, { checkpointEvery: 4 });
    const grid = Math.floor(ids.length / 4);
    expect(await stored()).toHaveLength(MAX_CHECKPOINT_WRITES);
    expect((await stored()).every((n) => n % 4 === 0)).toBe(true);
    expect((await stored()).at(-1)).toBe(grid * 4);
    // The next request starts at the last one and writes none it has not passed; the answers stay the same.
    const middle = s.views[Math.floor(s.views.length / 2)];
    expect(shape(await boardAsOf(db, s.people.head, s.board.id, middle.at, { checkpointEvery: 4 }))).toEqual(middle.view);
    expect((await stored()).every((n) => n % 4 === 0)).toBe(true);
    expect(shape(await boardAsOf(db, s.people.head, s.board.id, last.at))).toEqual(last.view);
  });

  t('the hourly upkeep fills the whole grid of a board with a long tail past its last checkpoint, and leaves a short tail alone', async (db) => {
    const s = await setup(db);
    await history(s, 40);
    const ids = (await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.boardId, s.board.id)).orderBy(asc(auditEvents.id))).map((r) => r.id);
    const stored = async () => (await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.boardId, s.board.id)).orderBy(asc(auditCheckpoints.eventId))).map((c) => ids.indexOf(c.eventId) + 1);
    expect(await fillCheckpoints(db, 4)).toContain(s.board.id);
    const grid = Math.floor(ids.length / 4);
    expect(await stored()).toEqual(Array.from({ length: grid }, (_, i) => 4 * (i + 1))); // every point, not a request's four
    expect(await fillCheckpoints(db, 4)).not.toContain(s.board.id); // fewer than 4 rows past the last one
    for (const v of [s.views[3], s.views[Math.floor(s.views.length / 2)], s.views.at(-1)!]) expect(shape(await asOf(s, db, v.at))).toEqual(v.view);
  });

  t('a row written late (typing coalesced, a batch retried) counts at its own time; no checkpoint is written past a row it skipped', async (db) => {
    const s = await setup(db);
    await history(s, 12);
    const id = [...s.doc.getMap('cards').keys()][0];
    const [regular] = await s.change((d) => updateCard(d, id, { status: 'cancelled' }));
    // A title typed 30 s before that change, written after it.
    const [late] = await s.change((d) => setCardText(d, id, 'title', 'Напечатано раньше'), { late: 90_000 });
    expect(late.id > regular.id && late.at < regular.at).toBe(true);
    const card = (v: { columns: AsOfView['columns'] }) => v.columns.flatMap((c) => c.cards).find((c) => c.id === id)!;
    // Between the two times: the late row is there, the regular one is not.
    const between = await asOf(s, db, late.at, 1);
    expect(card(between).title).toBe('Напечатано раньше');
    expect(card(between).fields.status).not.toBe('cancelled');
    expect(between.eventId).toBe(late.id);
    // Checkpoints were written on the way, but none from the skipped row on: that state lacks it.
    const stored = await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.boardId, s.board.id));
    expect(stored.length).toBeGreaterThan(10);
    expect(stored.every((c) => c.eventId < regular.id)).toBe(true);
    // After both: both, from those checkpoints, and the same from the start.
    const after = await asOf(s, db, new Date(regular.at.getTime() + 1000), 1);
    expect(card(after)).toMatchObject({ title: 'Напечатано раньше', fields: { status: 'cancelled' } });
    await db.delete(auditCheckpoints).where(eq(auditCheckpoints.boardId, s.board.id));
    expect(shape(await asOf(s, db, new Date(regular.at.getTime() + 1000), 1_000_000))).toEqual(shape(after));
    expect(shape(await asOf(s, db, late.at, 1_000_000))).toEqual(shape(between));
  });

  t('tells the moments around: the event before the last one applied, the first one after', async (db) => {
    const s = await setup(db);
    const [first] = await s.change((d) => void addCard(d, { id: 'k1', columnId: s.columns[0], title: 'Первое' }));
    const [second] = await s.change((d) => setCardText(d, 'k1', 'title', 'Второе'));
    const [third] = await s.change((d) => removeCard(d, 'k1'));
    const m = (r: { id: number; at: Date }) => ({ id: r.id, at: r.at.toISOString() });
    expect(await asOf(s, db, second.at)).toMatchObject({ eventId: second.id, prev: m(first), next: m(third) });
    expect(await asOf(s, db, new Date(second.at.getTime() + 1000))).toMatchObject({ eventId: second.id, prev: m(first), next: m(third) });
    expect(await asOf(s, db, third.at)).toMatchObject({ eventId: third.id, prev: m(second), next: null });
    expect(await asOf(s, db, first.at)).toMatchObject({ eventId: first.id, prev: m(s.created), next: m(second) });
  });

  t('is for those who may read the audit trail; a bad time is refused once they may', async (db) => {
    const s = await setup(db);
    const now = new Date();
    await expect(boardAsOf(db, s.people.curator, s.board.id, now)).resolves.toMatchObject({ eventId: s.created.id });
    await expect(boardAsOf(db, s.people.member, s.board.id, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(boardAsOf(db, s.people.viewer, s.board.id, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(boardAsOf(db, s.people.outsider, s.board.id, now)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(boardAsOf(db, null, s.board.id, now)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const bad of [null, '', 'вчера', '2025-12-01', '2025-13-01T00:00:00Z', '2025-12-01T00:00:00']) {
      await expect(boardAsOf(db, s.people.head, s.board.id, asOfTime(bad)), String(bad)).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['at'] } });
    }
    await expect(boardAsOf(db, s.people.viewer, s.board.id, asOfTime('вчера'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(asOfTime('2025-12-01T00:00:00+03:00').toISOString()).toBe('2025-11-30T21:00:00.000Z');
  });

  t('restore through the offline writer: a field and a deleted card come back, audited; the board as of after shows it', async (db) => {
    const s = await setup(db, 1); // the restores are stamped with the real time: the scripted changes come before it
    await s.change((d) => void addCard(d, { id: 'k1', columnId: s.columns[1], title: 'Разработка положения', fields: { status: 'todo' } }));
    await s.change((d) => void addCard(d, { id: 'k2', columnId: s.columns[1], title: 'Анкетирование' }));
    const [renamed] = await s.change((d) => setCardText(d, 'k1', 'title', 'Положение'));
    const [deleted] = await s.change((d) => removeCard(d, 'k2'));
    await new Promise((r) => setTimeout(r, 20));
    await expect(restoreBoardEvent(db, s.people.head, s.board.id, { eventId: renamed.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(restoreBoardEvent(db, s.people.viewer, s.board.id, { eventId: renamed.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(restoreBoardEvent(db, s.people.curator, s.board.id, { eventId: s.created.id + 1_000_000 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(restoreBoardEvent(db, s.people.curator, s.board.id, { eventId: 'x' })).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['eventId'] } });
    await expect(restoreBoardEvent(db, s.people.curator, s.board.id, { eventId: s.created.id })).rejects.toMatchObject({ code: 'RESTORE_NOT_APPLICABLE' });

    expect(await restoreBoardEvent(db, s.people.member, s.board.id, { eventId: renamed.id, field: 'title' })).toEqual({ cardId: 'k1' });
    expect(await restoreBoardEvent(db, s.people.curator, s.board.id, { eventId: deleted.id })).toEqual({ cardId: 'k2' });
    await expect(restoreBoardEvent(db, s.people.curator, s.board.id, { eventId: deleted.id })).rejects.toMatchObject({ code: 'RESTORE_NOT_APPLICABLE', details: { reason: 'card-exists' } });

    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadBoardLog(db, s.board.id)).state);
    const now = liveView(stored);
    expect(now.columns[1].cards.map((c) => [c.id, c.title])).toEqual([['k1', 'Разработка положения'], ['k2', 'Анкетирование']]);
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.boardId, s.board.id)).orderBy(asc(auditEvents.id));
    expect(rows.slice(-2).map((r) => [r.type, r.actorId, r.entityId])).toEqual([['card.field_restored', s.people.member.id, 'k1'], ['card.restored', s.people.curator.id, 'k2']]);
    expect(rows.at(-2)).toMatchObject({ before: { field: 'title', value: 'Положение' }, after: { field: 'title', value: 'Разработка положения', fromEvent: renamed.id } });
    expect(rows.at(-1)).toMatchObject({ before: null, after: { columnId: s.columns[1], title: 'Анкетирование', fromEvent: deleted.id } });
    expect(shape(await asOf(s, db, new Date(Date.now() + 60_000)))).toEqual(now);
    expect(shape(await asOf(s, db, deleted.at))).toEqual(s.views.at(-1)!.view);
  });
});
