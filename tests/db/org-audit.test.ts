import { and, eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { appendAudit, appendAuditBatch } from '../../db/audit';
import { listBoardAudit, verifyAuditChains } from '../../db/queries/audit';
import { chainStatus, checkChains, orgChains } from '../../db/queries/audit-chains';
import { createBoard, loadBoardState } from '../../db/queries/boards';
import { listOrgAudit, namesFor, streamOrgAudit, type HistoryEvent } from '../../db/queries/org-audit';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import { createPerson, erasePerson, linkAccount } from '../../db/queries/people';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditEvents, boards, boardUpdates, pdAccessLog } from '../../db/schema';
import { auditRow } from '../../lib/audit/audit-row';
import { BoardProjector } from '../../lib/audit/projector';
import { readBoard } from '../../lib/board/doc';
import { addCard, moveCard, removeCard, renameColumn, setCardText } from '../../lib/board/ops';
import type { Principal, Role } from '../../lib/permissions';
import { testDatabases, useTestDb } from '../helpers/db';

const TODAY = '2026-11-29';

// The organisation's history (issue 15) on PGlite and Postgres: who may read which part of the
// tree, every filter, keyset paging, personal values per reader, names, and the chains' checks.
describe.each(testDatabases())('the organisation history on $name', (target) => {
  const t = useTestDb(target);

  /** A board edit as the live persistence stores it: the Yjs update and its projected audit rows. */
  async function edit(db: Db, boardId: string, actorId: string | null, change: (doc: Y.Doc) => void, at = new Date()) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, boardId));
    const projector = new BoardProjector(doc);
    const sv = Y.encodeStateVector(doc);
    const events = projector.capture(() => change(doc));
    const [board] = await db.select({ orgId: boards.orgId }).from(boards).where(eq(boards.id, boardId));
    await db.insert(boardUpdates).values({ boardId, update: Y.encodeStateAsUpdate(doc, sv), actorId });
    return appendAuditBatch(db, boardId, board.orgId, events.map((e) => auditRow(actorId, at, e)));
  }

  async function boardColumns(db: Db, boardId: string) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, boardId));
    return readBoard(doc).columns;
  }

  /**
   * region ─ muni ─ school1 (board1), school2 (board2)
   *        └ muni2 ─ school3 (board3)
   */
  async function world(db: Db) {
    const region = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'region', name: 'Регион', slug: 'h-region' });
    const muni = await createOrganisation(db, SYSTEM, { parentId: region.id, kind: 'municipality', name: 'Округ', slug: 'h-muni' });
    const muni2 = await createOrganisation(db, SYSTEM, { parentId: region.id, kind: 'municipality', name: 'Другой округ', slug: 'h-muni2' });
    const school1 = await createOrganisation(db, SYSTEM, { parentId: muni.id, kind: 'organisation', name: 'Школа № 1', slug: 'h-s1' });
    const school2 = await createOrganisation(db, SYSTEM, { parentId: muni.id, kind: 'organisation', name: 'Школа № 2', slug: 'h-s2' });
    const school3 = await createOrganisation(db, SYSTEM, { parentId: muni2.id, kind: 'organisation', name: 'Школа № 3', slug: 'h-s3' });
    const who: Partial<Record<string, Principal>> = {};
    const person = async (key: string, name: string, orgId: string, role: Role) => {
      const u = await createUser(db, SYSTEM, { email: `${key}@h.ru`, name, password: 'password-1' }, { orgId, role });
      who[key] = (await loadPrincipal(db, u.id))!;
      return who[key]!;
    };
    const head = await person('head', 'Андропова Людмила Александровна', muni.id, 'head');
    const curator1 = await person('curator1', 'Кураторова Анна Петровна', school1.id, 'curator');
    const curator2 = await person('curator2', 'Второва Мария Ивановна', school2.id, 'curator');
    const schoolHead = await person('schoolHead', 'Директорова Ольга Павловна', school1.id, 'head');
    const mentor = await person('mentor', 'Наставников Пётр', school1.id, 'mentor');
    const viewer = await person('viewer', 'Смотрящий Олег', school1.id, 'viewer');
    const member = await person('member', 'Участников Илья', school1.id, 'member');
    const admin = await person('admin', 'Админова Вера', region.id, 'admin');
    const regionHead = await person('regionHead', 'Регионов Степан', region.id, 'head');
    const board1 = await createBoard(db, curator1, { orgId: school1.id, kind: 'roadmap', title: 'Дорожная карта школы № 1' });
    const board2 = await createBoard(db, curator2, { orgId: school2.id, kind: 'roadmap', title: 'Дорожная карта школы № 2' });
    const board3 = await createBoard(db, SYSTEM, { orgId: school3.id, kind: 'roadmap', title: 'Дорожная карта школы № 3' });
    return { region, muni, muni2, school1, school2, school3, head, curator1, curator2, schoolHead, mentor, viewer, member, admin, regionHead, board1, board2, board3 };
  }

  /** Cards on board1 and board2 with a few edits each; returns the ids. */
  async function edits(db: Db, w: Awaited<ReturnType<typeof world>>) {
    const cols = await boardColumns(db, w.board1.id);
    let card = '';
    await edit(db, w.board1.id, w.curator1.id, (d) => (card = addCard(d, { columnId: cols[0].id, title: 'Разработка положения' })));
    await edit(db, w.board1.id, w.curator1.id, (d) => moveCard(d, card, cols[1].id, 0));
    await edit(db, w.board1.id, w.curator1.id, (d) => setCardText(d, card, 'title', 'Разработка положения о наставничестве'));
    let other = '';
    await edit(db, w.board1.id, w.curator1.id, (d) => (other = addCard(d, { columnId: cols[0].id, title: 'Удалённое мероприятие' })));
    await edit(db, w.board1.id, w.curator1.id, (d) => removeCard(d, other));
    const cols2 = await boardColumns(db, w.board2.id);
    let card2 = '';
    await edit(db, w.board2.id, w.curator2.id, (d) => (card2 = addCard(d, { columnId: cols2[0].id, title: 'Мероприятие второй школы' })));
    const cols3 = await boardColumns(db, w.board3.id);
    await edit(db, w.board3.id, null, (d) => addCard(d, { columnId: cols3[0].id, title: 'Мероприятие другого округа' }));
    return { card, other, card2, cols };
  }

  const all = async (db: Db, p: Principal, orgId: string, query: Record<string, unknown> = {}) => {
    const out: HistoryEvent[] = [];
    for await (const page of streamOrgAudit(db, p, orgId, query, 7)) out.push(...page.events);
    return out;
  };

  t('a municipality head reads its schools’ history, not the other municipality’s; a school curator its school only', async (db) => {
    const w = await world(db);
    await edits(db, w);
    const muniEvents = await all(db, w.head, w.muni.id);
    const orgs = new Set(muniEvents.map((e) => e.orgId));
    expect(orgs).toEqual(new Set([w.muni.id, w.school1.id, w.school2.id]));
    expect(muniEvents.some((e) => e.boardId === w.board3.id)).toBe(false);
    expect(muniEvents.map((e) => e.id)).toEqual([...muniEvents.map((e) => e.id)].sort((a, b) => b - a)); // newest first
    const [total] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(sql`${auditEvents.orgId} in (${w.muni.id}, ${w.school1.id}, ${w.school2.id})`);
    expect(muniEvents.length).toBe(total.n); // every row of the subtree, boards and outside boards

    const schoolEvents = await all(db, w.curator1, w.school1.id);
    expect(new Set(schoolEvents.map((e) => e.orgId))).toEqual(new Set([w.school1.id]));
    expect(schoolEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['board.created', 'card.created', 'card.moved', 'card.updated', 'card.deleted', 'user.created']));
    // The region's head sees everything below the region.
    expect(new Set((await all(db, w.regionHead, w.region.id)).map((e) => e.orgId))).toEqual(
      new Set([w.region.id, w.muni.id, w.muni2.id, w.school1.id, w.school2.id, w.school3.id]),
    );
  });

  t('refusals: a sibling school or an organisation above is 404, a role without audit.read 403, nobody 401', async (db) => {
    const w = await world(db);
    await expect(listOrgAudit(db, w.curator1, w.school2.id, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listOrgAudit(db, w.curator1, w.muni.id, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listOrgAudit(db, w.head, w.school3.id, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const p of [w.mentor, w.viewer, w.member]) await expect(listOrgAudit(db, p, w.school1.id, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listOrgAudit(db, w.admin, w.region.id, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listOrgAudit(db, null, w.school1.id, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(listOrgAudit(db, w.head, '00000000-0000-4000-8000-000000000000', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listOrgAudit(db, w.head, 'not-an-id', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A stream is refused before its first page.
    await expect(streamOrgAudit(db, w.mentor, w.school1.id, {}).next()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  t('filters: type and type group, person, board, card, organisation, period; outside the subtree 404', async (db) => {
    const w = await world(db);
    const { card, other, card2 } = await edits(db, w);
    const types = (es: HistoryEvent[]) => es.map((e) => e.type);

    expect(new Set(types(await all(db, w.head, w.muni.id, { type: 'card.moved' })))).toEqual(new Set(['card.moved']));
    const cards = await all(db, w.head, w.muni.id, { type: 'card.*' });
    expect(new Set(types(cards))).toEqual(new Set(['card.created', 'card.moved', 'card.updated', 'card.deleted']));
    expect(cards).toHaveLength(6); // 3 created (board1 ×2, board2), moved, updated, deleted; board3 is outside

    const byCurator2 = await all(db, w.head, w.muni.id, { actorId: w.curator2.id });
    expect(byCurator2.length).toBeGreaterThan(0);
    expect(byCurator2.every((e) => e.actor.id === w.curator2.id)).toBe(true);

    const onBoard2 = await all(db, w.head, w.muni.id, { boardId: w.board2.id });
    expect(new Set(onBoard2.map((e) => e.boardId))).toEqual(new Set([w.board2.id]));
    expect(types(onBoard2)).toEqual(['card.created', 'board.created']);

    const ofCard = await all(db, w.head, w.muni.id, { cardId: card });
    expect(types(ofCard)).toEqual(['card.updated', 'card.moved', 'card.created']);
    expect(ofCard.every((e) => e.cardId === card)).toBe(true);
    expect(types(await all(db, w.head, w.muni.id, { cardId: other, boardId: w.board1.id }))).toEqual(['card.deleted', 'card.created']);
    expect(await all(db, w.head, w.muni.id, { cardId: card2, boardId: w.board1.id })).toEqual([]); // that card is on board2

    const school2Only = await all(db, w.head, w.muni.id, { org: w.school2.id });
    expect(new Set(school2Only.map((e) => e.orgId))).toEqual(new Set([w.school2.id]));

    // Period: rows stamped at known times.
    const at = (iso: string) => new Date(iso);
    for (const [i, iso] of ['2026-10-01T09:00:00Z', '2026-11-15T09:00:00Z', '2026-12-20T09:00:00Z'].entries()) {
      await appendAudit(db, { at: at(iso), actorId: w.curator1.id, orgId: w.school1.id, boardId: null, type: 'report.signed', entityType: 'organisation', entityId: w.school1.id, after: { n: i } });
    }
    const nov = await all(db, w.head, w.muni.id, { type: 'report.signed', from: '2026-11-01T00:00:00+03:00', to: '2026-11-30T23:59:59+03:00' });
    expect(nov.map((e) => e.at)).toEqual(['2026-11-15T09:00:00.000Z']);
    expect(await all(db, w.head, w.muni.id, { type: 'report.signed', from: '2026-12-01T00:00:00Z' })).toHaveLength(1);

    // Filters naming something outside the subtree say nothing about it.
    await expect(listOrgAudit(db, w.head, w.muni.id, { boardId: w.board3.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listOrgAudit(db, w.head, w.muni.id, { boardId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listOrgAudit(db, w.head, w.muni.id, { org: w.school3.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listOrgAudit(db, w.curator1, w.school1.id, { org: w.muni.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Bad input is INVALID_INPUT naming the field; empty values are no filter.
    for (const bad of [{ type: 'Card' }, { type: 'card.' }, { limit: '0' }, { limit: '501' }, { from: 'yesterday' }, { actorId: 'x' }, { before: '-1' }]) {
      await expect(listOrgAudit(db, w.head, w.muni.id, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { fields: [Object.keys(bad)[0]] } });
    }
    const empty = await listOrgAudit(db, w.head, w.muni.id, { type: '', actorId: '', boardId: '', cardId: '', org: '', from: '', to: '', before: '' });
    expect(empty.events.length).toBeGreaterThan(0);
  });

  t('keyset paging: pages join up with no duplicate and no gap, and rows added meanwhile do not shift them', async (db) => {
    const w = await world(db);
    for (let i = 0; i < 40; i++) {
      await appendAudit(db, { actorId: w.curator1.id, orgId: i % 2 ? w.school1.id : w.school2.id, boardId: null, type: 'report.saved', entityType: 'organisation', entityId: null, after: { i } });
    }
    const everything = (await all(db, w.head, w.muni.id)).map((e) => e.id);
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listOrgAudit(db, w.head, w.muni.id, { limit: '9', ...(before ? { before: String(before) } : {}) });
      expect(page.events.length).toBeLessThanOrEqual(9);
      seen.push(...page.events.map((e) => e.id));
      pages++;
      if (pages === 1) {
        // Written while the reader pages: it belongs above the first page, not into the next ones.
        await appendAudit(db, { actorId: w.curator1.id, orgId: w.school1.id, boardId: null, type: 'report.saved', entityType: 'organisation', entityId: null, after: { late: true } });
      }
      if (page.next === null) break;
      expect(page.next).toBe(page.events.at(-1)!.id);
      before = page.next;
    }
    expect(seen).toEqual(everything);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(everything.length / 9));
    // A filtered run pages the same way.
    const filtered = await all(db, w.head, w.muni.id, { org: w.school1.id, type: 'report.saved' });
    expect(filtered.map((e) => (e.data.after as { i?: number }).i)).toEqual([undefined, ...[39, 37, 35, 33, 31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]]);
  });

  t('personal values: opened for the school’s own curator and head, hidden from the municipality’s head, erased after erasure', async (db) => {
    const w = await world(db);
    const { id: personId } = await createPerson(
      db,
      w.curator1,
      w.school1.id,
      { fullName: 'Иванова Мария Сергеевна', birthDate: '1990-05-04', category: 'teacher', bank: 'mentor', capacity: 2, consent: { signer: 'self', signerName: 'Иванова Мария Сергеевна', signedOn: '2026-11-01' } },
      TODAY,
    );
    const created = async (p: Principal, orgId: string) => {
      const page = await listOrgAudit(db, p, orgId, { type: 'person.created' });
      return { event: page.events.find((e) => e.data.entityId === personId)!, names: page.names };
    };
    const own = await created(w.curator1, w.school1.id);
    expect(own.event.data.after).toMatchObject({ category: 'teacher', pd: { fullName: 'Иванова Мария Сергеевна', birthDate: '1990-05-04' } });
    expect(own.names.people[personId]).toBe('Иванова Мария Сергеевна');
    expect((await created(w.schoolHead, w.school1.id)).event.data.after).toMatchObject({ pd: { fullName: 'Иванова Мария Сергеевна' } });
    const above = await created(w.head, w.muni.id);
    expect(above.event.data.after).toMatchObject({ category: 'teacher', pd: { $pd: 'hidden' } });
    expect(above.names.people[personId]).toBeUndefined();
    expect(JSON.stringify(above)).not.toContain('Иванова');
    // The reads that showed the person are in the access log; the head's is not (it saw nothing).
    const logged = await db.select().from(pdAccessLog).where(eq(pdAccessLog.personId, personId));
    expect(logged.map((l) => [l.actorId, l.view]).filter(([, v]) => v === 'history')).toEqual(
      expect.arrayContaining([
        [w.curator1.id, 'history'],
        [w.schoolHead.id, 'history'],
      ]),
    );
    expect(logged.some((l) => l.actorId === w.head.id)).toBe(false);

    await erasePerson(db, w.curator1, personId, 'curator', TODAY);
    const after = await created(w.curator1, w.school1.id);
    expect(after.event.data.after).toMatchObject({ pd: { $pd: 'erased' } });
    expect((await created(w.head, w.muni.id)).event.data.after).toMatchObject({ pd: { $pd: 'hidden' } });
  });

  t('accounts: old rows with a name in clear are hidden above; a bank person’s account acts unnamed for those who may not see it', async (db) => {
    const w = await world(db);
    // A row as accounts were audited before their own keys (migration 0005): name and email in clear.
    await appendAudit(db, { actorId: null, orgId: w.school1.id, boardId: null, type: 'user.created', entityType: 'user', entityId: w.member.id, after: { email: 'member@h.ru', name: 'Участников Илья', role: 'member' } });
    const clear = async (p: Principal, orgId: string) => (await listOrgAudit(db, p, orgId, { type: 'user.created', actorId: '' })).events.find((e) => (e.data.after as { email?: unknown }).email !== undefined && e.data.entityId === w.member.id)!;
    expect((await clear(w.head, w.muni.id)).data.after).toEqual({ email: { $pd: 'hidden' }, name: { $pd: 'hidden' }, role: 'member' });
    expect((await clear(w.curator1, w.school1.id)).data.after).toEqual({ email: 'member@h.ru', name: 'Участников Илья', role: 'member' });
    // New rows are sealed with the account's key: the same rule.
    const sealed = (await listOrgAudit(db, w.head, w.muni.id, { type: 'user.created' })).events.filter((e) => e.data.entityId === w.curator1.id);
    expect(sealed[0].data.after).toEqual({ role: 'curator', pd: { $pd: 'hidden' } });
    const own = (await listOrgAudit(db, w.curator1, w.school1.id, { type: 'user.created' })).events.filter((e) => e.data.entityId === w.curator1.id);
    expect(own[0].data.after).toEqual({ role: 'curator', pd: { email: 'curator1@h.ru', name: 'Кураторова Анна Петровна' } });

    // A mentee's account (a bank person's) is named only where the person may be seen; staff always.
    const { id: personId } = await createPerson(
      db,
      w.curator1,
      w.school1.id,
      { fullName: 'Ученикова Дарья', birthDate: '2000-02-02', category: 'student', bank: 'mentee', consent: { signer: 'self', signerName: 'Ученикова Дарья', signedOn: '2026-11-01' } },
      TODAY,
    );
    const { userId } = await linkAccount(db, w.curator1, personId, { email: 'dasha@h.ru' });
    await appendAudit(db, { actorId: userId, orgId: w.school1.id, boardId: null, type: 'survey.answered', entityType: 'survey', entityId: null, after: { personId } });
    const byMentee = async (p: Principal, orgId: string) => (await listOrgAudit(db, p, orgId, { type: 'survey.answered' })).events[0];
    expect((await byMentee(w.head, w.muni.id)).actor).toEqual({ id: userId, name: null });
    expect((await byMentee(w.curator1, w.school1.id)).actor).toEqual({ id: userId, name: 'Ученикова Дарья' });
    const staff = (await listOrgAudit(db, w.head, w.muni.id, { actorId: w.curator1.id, limit: '1' })).events[0];
    expect(staff.actor).toEqual({ id: w.curator1.id, name: 'Кураторова Анна Петровна' });
  });

  t('names: boards and organisations from their tables, columns and cards as they are now, a deleted card from its last row', async (db) => {
    const w = await world(db);
    const { card, other, cols } = await edits(db, w);
    await edit(db, w.board1.id, w.curator1.id, (d) => renameColumn(d, cols[1].id, 'Формирование базы наставляемых (обновлено)'));
    const page = await listOrgAudit(db, w.head, w.muni.id, { boardId: w.board1.id });
    expect(page.names.boards[w.board1.id]).toBe('Дорожная карта школы № 1');
    expect(page.names.orgs[w.school1.id]).toBe('Школа № 1');
    expect(page.names.cards[card]).toBe('Разработка положения о наставничестве'); // renamed since its first events
    expect(page.names.cards[other]).toBe('Удалённое мероприятие'); // deleted since
    expect(page.names.columns[cols[0].id]).toBe(cols[0].title);
    expect(page.names.columns[cols[1].id]).toBe('Формирование базы наставляемых (обновлено)');
    expect(page.names.people[w.curator1.id]).toBe('Кураторова Анна Петровна');
    const moved = page.events.find((e) => e.type === 'card.moved')!;
    expect(moved).toMatchObject({ orgId: w.school1.id, boardId: w.board1.id, cardId: card, actor: { id: w.curator1.id, name: 'Кураторова Анна Петровна' } });
    expect(moved.data).toMatchObject({ entityType: 'card', entityId: card, before: { columnId: cols[0].id }, after: { columnId: cols[1].id } });
    // Names read once follow later edits without the board being read again (from its audit rows).
    await edit(db, w.board1.id, w.curator1.id, (d) => setCardText(d, card, 'title', 'Положение о наставничестве'));
    await edit(db, w.board1.id, w.curator1.id, (d) => renameColumn(d, cols[0].id, 'Подготовка условий'));
    const again = await listOrgAudit(db, w.head, w.muni.id, { boardId: w.board1.id });
    expect(again.names.cards[card]).toBe('Положение о наставничестве');
    expect(again.names.columns[cols[0].id]).toBe('Подготовка условий');
    expect(again.names.columns[cols[1].id]).toBe('Формирование базы наставляемых (обновлено)');
    // The curator of school1 asking names for events that mention another school gets no name for it.
    const names = await namesFor(db, w.curator1, [{ ...moved, orgId: w.school2.id, boardId: w.board2.id }]);
    expect(names.orgs[w.school2.id]).toBeUndefined();
    expect(names.boards[w.board2.id]).toBeUndefined();
  });

  t('the board audit keeps its shape and now filters by a type with an underscore or a group', async (db) => {
    const w = await world(db);
    await edits(db, w);
    const { rows, next } = await listBoardAudit(db, w.curator1, w.board1.id, { type: 'card.*' });
    expect(next).toBeNull();
    expect(rows.map((r) => r.event.type)).toEqual(['card.deleted', 'card.created', 'card.updated', 'card.moved', 'card.created']);
    expect(rows[0].actorName).toBe('Кураторова Анна Петровна');
    expect((await listBoardAudit(db, w.curator1, w.board1.id, { type: 'pair.stage_changed' })).rows).toEqual([]);
  });

  t('chains: every chain of the subtree verifies; a second check reads only the rows added since', async (db) => {
    const w = await world(db);
    await edits(db, w);
    const chains = await orgChains(db, w.head, w.muni.id);
    expect(chains.map((c) => c.key).sort()).toEqual(
      [`org:${w.muni.id}`, `org:${w.school1.id}`, `org:${w.school2.id}`, `board:${w.board1.id}`, `board:${w.board2.id}`].sort(),
    );
    const first = await checkChains(db, chains);
    expect(first.chains.every((c) => c.verified && c.broken === null)).toBe(true);
    const board1 = first.chains.find((c) => c.boardId === w.board1.id)!;
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.boardId, w.board1.id));
    expect(board1.rows).toBe(n);
    expect(first.read).toBe(first.chains.reduce((s, c) => s + c.rows, 0));

    expect((await checkChains(db, chains)).read).toBe(0); // nothing new: nothing read
    await edits(db, w); // 5 rows more on board1, 1 on board2
    const third = await checkChains(db, chains);
    expect(third.read).toBe(6);
    expect(third.chains.find((c) => c.boardId === w.board1.id)!.rows).toBe(n + 5);
    expect(third.chains.every((c) => c.verified)).toBe(true);

    // A budget smaller than the rows to read leaves the rest for the next check, reported as not verified yet.
    await edits(db, w);
    const partial = await checkChains(db, chains, 2);
    expect(partial.read).toBe(2);
    expect(partial.chains.find((c) => c.boardId === w.board1.id)!.verified).toBe(false);
    expect((await checkChains(db, chains)).chains.every((c) => c.verified)).toBe(true);

    await expect(chainStatus(db, w.mentor, w.school1.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(chainStatus(db, w.curator1, w.school2.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  t('chains: a row forged after the last check is found and named, and the chain stays broken; an old verified row is only found by the full check', async (db) => {
    const w = await world(db);
    await edits(db, w);
    expect((await chainStatus(db, w.head, w.muni.id)).every((c) => c.verified)).toBe(true);
    const firstRows = await db.select().from(auditEvents).where(eq(auditEvents.boardId, w.board1.id)).orderBy(auditEvents.id);
    await edits(db, w);
    const [fresh] = await db.select().from(auditEvents).where(and(eq(auditEvents.boardId, w.board1.id), eq(auditEvents.type, 'card.moved'))).orderBy(sql`${auditEvents.id} desc`).limit(1);

    // The trail is append-only by a trigger; forging needs the trigger off (an owner of the database could).
    await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await db.execute(sql`update audit_events set after = '{"columnId":"forged","order":"a0"}'::jsonb where id = ${fresh.id}`);
    // An already verified row, forged too: the incremental check does not read it again.
    await db.execute(sql`update audit_events set before = '{"title":"forged"}'::jsonb where id = ${firstRows[1].id}`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);

    const status = await chainStatus(db, w.head, w.muni.id);
    const board1 = status.find((c) => c.boardId === w.board1.id)!;
    expect(board1).toMatchObject({ chain: `board:${w.board1.id}`, orgId: w.school1.id, verified: false, broken: { id: fresh.id, type: 'card.moved', at: fresh.at.toISOString() } });
    expect(board1.rows).toBe(firstRows.length + 1); // the rows before the forged one: those checked before, and one card.created
    expect(status.filter((c) => c.boardId !== w.board1.id).every((c) => c.verified)).toBe(true);
    // Still broken at the same row on the next check, whatever comes after.
    await edits(db, w);
    expect((await chainStatus(db, w.head, w.muni.id)).find((c) => c.boardId === w.board1.id)!.broken).toMatchObject({ id: fresh.id });
    // The full check (npm run audit:verify) rereads the chain from its first row and finds the older forgery first.
    const full = (await verifyAuditChains(db)).find((c) => c.chain === `board ${w.board1.id}`)!;
    expect(full.broken?.id).toBe(firstRows[1].id);
  });

  t('the stream yields pages of the batch size and stops at `limit` rows', async (db) => {
    const w = await world(db);
    for (let i = 0; i < 25; i++) await appendAudit(db, { actorId: w.curator1.id, orgId: w.school1.id, boardId: null, type: 'report.saved', entityType: 'organisation', entityId: null, after: { i } });
    const sizes: number[] = [];
    for await (const page of streamOrgAudit(db, w.curator1, w.school1.id, { type: 'report.saved' }, 10)) sizes.push(page.events.length);
    expect(sizes).toEqual([10, 10, 5]);
    const capped: number[] = [];
    for await (const page of streamOrgAudit(db, w.curator1, w.school1.id, { type: 'report.saved', limit: '12' }, 10)) capped.push(page.events.length);
    expect(capped).toEqual([10, 2]);
  });
});
