import { asc, count, eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { createBoard, getBoardFor, listReadableBoards, loadBoardState, renameBoard, setBoardArchived } from '../../db/queries/boards';
import { createOrganisation, orgPath, SYSTEM, visibleOrganisations } from '../../db/queries/organisations';
import { changeRole, createUser, grantRole, loadPrincipal, revokeRole } from '../../db/queries/users';
import { auditEvents, boards, boardUpdates, memberships, organisations, users } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { firstBrokenLink } from '../../lib/audit/chain';
import { verifyPassword } from '../../lib/auth/password';
import { readBoard } from '../../lib/board/doc';
import { STANDARD_STAGES } from '../../lib/board/templates';
import type { Role } from '../../lib/permissions';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

// One contract for the data layer, run on PGlite always and on Postgres with TEST_DATABASE_URL.
describe.each(testDatabases())('database contract on $name', (target) => {
  const t = useTestDb(target);
  const principalOf = demoPrincipal;

  async function tree(db: Db) {
    const region = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'region', name: 'Регион', slug: 'reg' });
    const muni = await createOrganisation(db, SYSTEM, { parentId: region.id, kind: 'municipality', name: 'Округ', slug: 'muni' });
    const school = await createOrganisation(db, SYSTEM, { parentId: muni.id, kind: 'organisation', name: 'Школа № 1', slug: 'school-1' });
    return { region, muni, school };
  }

  t('organisations form a tree and the path runs from the region down', async (db) => {
    const { region, muni, school } = await tree(db);
    expect(await orgPath(db, school.id)).toEqual([region.id, muni.id, school.id]);
    expect(await orgPath(db, region.id)).toEqual([region.id]);
    expect(await orgPath(db, '00000000-0000-0000-0000-000000000000')).toEqual([]);
  });

  t('a duplicate organisation slug is refused with SLUG_TAKEN and nothing is half-created', async (db) => {
    const { muni } = await tree(db);
    const before = await db.select({ n: count() }).from(organisations);
    const auditBefore = await db.select({ n: count() }).from(auditEvents);
    await expect(
      createOrganisation(db, SYSTEM, { parentId: muni.id, kind: 'organisation', name: 'Другая', slug: 'SCHOOL-1' }),
    ).rejects.toMatchObject({ code: 'SLUG_TAKEN' });
    expect(await db.select({ n: count() }).from(organisations)).toEqual(before);
    expect(await db.select({ n: count() }).from(auditEvents)).toEqual(auditBefore);
  });

  t('only the system creates a region; an admin creates below its own organisation only', async (db) => {
    const { region, muni } = await tree(db);
    const admin = await createUser(db, SYSTEM, { email: 'a@x.ru', name: 'А', password: 'password-1' }, { orgId: muni.id, role: 'admin' });
    const p = (await loadPrincipal(db, admin.id))!;
    await expect(createOrganisation(db, p, { parentId: null, kind: 'region', name: 'R2', slug: 'r2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createOrganisation(db, p, { parentId: region.id, kind: 'municipality', name: 'M2', slug: 'm2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const school = await createOrganisation(db, p, { parentId: muni.id, kind: 'organisation', name: 'Школа № 2', slug: 'school-2' });
    expect(school.parentId).toBe(muni.id);
  });

  t('users: email is unique whatever its case, the password is hashed, a duplicate leaves nothing', async (db) => {
    const { school } = await tree(db);
    const user = await createUser(db, SYSTEM, { email: 'Ivanova@School.ru', name: 'Иванова', password: 'secret-pass' }, { orgId: school.id, role: 'member' });
    expect(user.email).toBe('ivanova@school.ru');
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, 'secret-pass')).toBe(true);
    expect(await verifyPassword(row.passwordHash, 'wrong-pass')).toBe(false);

    const membershipsBefore = await db.select({ n: count() }).from(memberships);
    await expect(
      createUser(db, SYSTEM, { email: 'IVANOVA@school.ru', name: 'Другая', password: 'secret-pass' }, { orgId: school.id, role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    expect(await db.select({ n: count() }).from(memberships)).toEqual(membershipsBefore);
    await expect(
      createUser(db, SYSTEM, { email: 'not-an-email', name: 'X', password: 'secret-pass' }, { orgId: school.id, role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  t('roles are granted and revoked by an admin above, never by others, and audited', async (db) => {
    const { region, school } = await tree(db);
    const admin = await createUser(db, SYSTEM, { email: 'admin@x.ru', name: 'Админ', password: 'password-1' }, { orgId: region.id, role: 'admin' });
    const teacher = await createUser(db, SYSTEM, { email: 't@x.ru', name: 'Учитель', password: 'password-1' }, { orgId: school.id, role: 'viewer' });
    const adminP = (await loadPrincipal(db, admin.id))!;
    const teacherP = (await loadPrincipal(db, teacher.id))!;
    await expect(grantRole(db, teacherP, { userId: teacher.id, orgId: school.id, role: 'curator' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await grantRole(db, adminP, { userId: teacher.id, orgId: school.id, role: 'mentor' });
    expect((await loadPrincipal(db, teacher.id))!.memberships.map((m) => m.role).sort()).toEqual(['mentor', 'viewer']);
    await revokeRole(db, adminP, { userId: teacher.id, orgId: school.id, role: 'viewer' });
    expect((await loadPrincipal(db, teacher.id))!.memberships.map((m) => m.role)).toEqual(['mentor']);
    await changeRole(db, adminP, { userId: teacher.id, orgId: school.id, role: 'mentor', to: 'curator' });
    expect((await loadPrincipal(db, teacher.id))!.memberships.map((m) => m.role)).toEqual(['curator']);
    await expect(changeRole(db, adminP, { userId: teacher.id, orgId: school.id, role: 'mentor', to: 'viewer' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(changeRole(db, adminP, { userId: admin.id, orgId: region.id, role: 'admin', to: 'viewer' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const types = (await db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.entityId, teacher.id))).map((r) => r.type);
    expect(types).toEqual(['user.created', 'membership.granted', 'membership.revoked', 'membership.changed']);
  });

  t('the demo seed gives every role the boards it may read', async (db) => {
    expect(await seedDemo(db, 'tropa-demo')).toBe('seeded');
    expect(await seedDemo(db, 'tropa-demo')).toBe('present');
    const kindsFor = async (role: Role) =>
      (await listReadableBoards(db, await principalOf(db, role))).map((b) => b.kind).sort();
    expect(await kindsFor('admin')).toEqual(['pairs', 'roadmap']);
    expect(await kindsFor('head')).toEqual(['pairs', 'roadmap']);
    expect(await kindsFor('curator')).toEqual(['pairs', 'roadmap']);
    expect(await kindsFor('member')).toEqual(['roadmap']);
    expect(await kindsFor('mentor')).toEqual(['pairs']);
    expect(await kindsFor('mentee')).toEqual([]); // «Моя пара», no board (DESIGN.md)
    expect(await kindsFor('viewer')).toEqual(['pairs', 'roadmap']);
    const head = await principalOf(db, 'head');
    expect((await visibleOrganisations(db, head)).map((o) => o.kind).sort()).toEqual(['municipality', 'organisation']);

    const curator = await principalOf(db, 'curator');
    const roadmap = (await listReadableBoards(db, curator)).find((b) => b.kind === 'roadmap')!;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, roadmap.id));
    const view = readBoard(doc);
    expect(view.columns.map((c) => c.title)).toEqual([...STANDARD_STAGES]);
    for (const column of view.columns) expect(column.cards.length).toBeGreaterThanOrEqual(2);
  });

  t('a board is created with its stages, renamed and archived by a curator, with a verifiable audit chain', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const curator = await principalOf(db, 'curator');
    const member = await principalOf(db, 'member');
    const [school] = await db.select().from(organisations).where(eq(organisations.kind, 'organisation'));

    await expect(createBoard(db, member, { orgId: school.id, kind: 'roadmap', title: 'Х' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createBoard(db, curator, { orgId: school.id, kind: 'roadmap', title: '  ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      createBoard(db, curator, { orgId: school.id, kind: 'roadmap', title: 'План', periodFrom: 2027, periodTo: 2026 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const board = await createBoard(db, curator, { orgId: school.id, kind: 'roadmap', title: 'План 2026', periodFrom: '2026', periodTo: '2027' });
    expect(board).toMatchObject({ title: 'План 2026', periodFrom: 2026, periodTo: 2027, createdBy: curator.id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, board.id));
    expect(readBoard(doc).columns.map((c) => c.title)).toEqual([...STANDARD_STAGES]);

    await expect(renameBoard(db, member, board.id, 'Чужое')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await renameBoard(db, curator, board.id, 'План на 2026–2027');
    await setBoardArchived(db, curator, board.id, true);
    expect(await listReadableBoards(db, curator)).not.toContainEqual(expect.objectContaining({ id: board.id }));
    expect(await listReadableBoards(db, curator, { archived: true })).toContainEqual(expect.objectContaining({ id: board.id }));
    const archived = await getBoardFor(db, curator, board.id);
    expect(archived.resource.archived).toBe(true);

    const rows = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id)).orderBy(asc(auditEvents.id));
    expect(rows.map((r) => r.type)).toEqual(['board.created', 'board.renamed', 'board.archived']);
    expect(rows[1]).toMatchObject({ actorId: curator.id, before: { title: 'План 2026' }, after: { title: 'План на 2026–2027' } });
    const facts = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    expect(firstBrokenLink(facts)).toBe(-1);
    facts[1] = { ...facts[1], after: { title: 'подделка' } };
    expect(firstBrokenLink(facts)).toBe(1);
  });

  t('a board nobody may read is NOT_FOUND, not FORBIDDEN', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const member = await principalOf(db, 'member');
    const [pairs] = await db.select().from(boards).where(eq(boards.kind, 'pairs'));
    await expect(getBoardFor(db, member, pairs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getBoardFor(db, member, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getBoardFor(db, null, pairs.id)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  t('loading a board merges its snapshot with the updates logged after it (bytea round trip)', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const [board] = await db.select().from(boards).where(eq(boards.kind, 'roadmap'));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, board.id));
    const before = Y.encodeStateVector(doc);
    doc.getMap('meta').set('title', 'Новое название');
    await db.insert(boardUpdates).values({ boardId: board.id, update: Y.encodeStateAsUpdate(doc, before) });
    const again = new Y.Doc();
    Y.applyUpdate(again, await loadBoardState(db, board.id));
    expect(again.getMap('meta').get('title')).toBe('Новое название');
  });

  t('audit_events refuses UPDATE and DELETE', async (db) => {
    await tree(db);
    await expect(db.transaction((tx) => tx.execute(sql`update audit_events set type = 'x'`))).rejects.toThrow();
    await expect(db.transaction((tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
  });
});
