import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { Db } from '../../db/client';
import { writeDatedEditsOffline } from '../../db/board-writer-offline';
import { fillCheckpoints } from '../../db/queries/board-history';
import { createBoard, createBoardAt } from '../../db/queries/boards';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import {
  addIndicator,
  getOrgReport,
  listRounds,
  reopenReport,
  reportApi,
  setConclusions,
  setContingent,
  setIndicatorActual,
  setIndicatorLink,
  setRound,
  setSatisfactionSetting,
  signReport,
} from '../../db/queries/reports';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditEvents, meetings, pairMembers, pairs, people, reportSignoffs, surveyResponses } from '../../db/schema';
import { updateCard } from '../../lib/board/ops';
import { AppError } from '../../lib/errors';
import type { Role } from '../../lib/permissions';
import { surveyTemplate } from '../../lib/surveys';
import { testDatabases, useTestDb } from '../helpers/db';

// Round '2026-06' = 2026-01-01 … 2026-06-30, read as of 2026-06-30 23:59:59.999 Moscow.
const ROUND = '2026-06';
const NOW = new Date('2026-11-30T12:00:00Z');
const at = (s: string) => new Date(s);

const expectCode = async (p: Promise<unknown>, code: string) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
};

const answers = (n: number) => Object.fromEntries(surveyTemplate('mentee_satisfaction')!.items.filter((i) => i.kind === 'scale').map((i) => [i.id, n]));

describe.each(testDatabases())('reports on $name', (target) => {
  const t = useTestDb(target);

  async function setup(db: Db) {
    const region = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'region', name: 'Область', slug: 'r-rep' });
    const muni = await createOrganisation(db, SYSTEM, { parentId: region.id, kind: 'municipality', name: 'Округ', slug: 'm-rep' });
    const a = await createOrganisation(db, SYSTEM, { parentId: muni.id, kind: 'organisation', name: 'Школа А', slug: 'a-rep' });
    const b = await createOrganisation(db, SYSTEM, { parentId: muni.id, kind: 'organisation', name: 'Школа Б', slug: 'b-rep' });
    const user = async (role: Role, orgId: string, email: string) => (await loadPrincipal(db, (await createUser(db, SYSTEM, { email, name: `${role} ${email}`, password: 'password-1' }, { orgId, role })).id))!;
    const curator = await user('curator', a.id, 'cur-a@t.ru');
    const head = await user('head', muni.id, 'head-m@t.ru');
    const headB = await user('head', b.id, 'head-b@t.ru');
    const mentor = await user('mentor', a.id, 'mentor-a@t.ru');

    let number = 0;
    const person = async (orgId: string, category: 'student' | 'teacher' | 'spo_student', experienceYears: number | null = null) => {
      number++;
      const [p] = await db
        .insert(people)
        .values({ orgId, number, fullName: `Участник ${number}`, nameKey: `участник ${number}`, category, experienceYears })
        .returning({ id: people.id });
      return p.id;
    };
    const pairsBoardA = await createBoard(db, SYSTEM, { orgId: a.id, kind: 'pairs', title: 'Пары А' });
    const pairsBoardB = await createBoard(db, SYSTEM, { orgId: b.id, kind: 'pairs', title: 'Пары Б' });
    let pairNo = 0;
    const pair = async (orgId: string, boardId: string, p: { startedOn: string; createdAt: string; endedOn?: string; status?: 'completed' | 'terminated' }, mentorId: string, menteeIds: string[]) => {
      const [row] = await db
        .insert(pairs)
        .values({ orgId, boardId, number: ++pairNo, form: 'учитель – учитель', rhythmDays: 14, startedOn: p.startedOn, endedOn: p.endedOn ?? null, status: p.status ?? 'active', createdAt: at(p.createdAt) })
        .returning({ id: pairs.id });
      await db.insert(pairMembers).values([{ pairId: row.id, personId: mentorId, side: 'mentor' }, ...menteeIds.map((personId) => ({ pairId: row.id, personId, side: 'mentee' as const }))]);
      return row.id;
    };
    const meeting = (pairId: string, heldOn: string, createdAt: string) => db.insert(meetings).values({ pairId, kind: 'regular', heldOn, createdAt: at(createdAt) });
    const survey = (orgId: string, personId: string, n: number, submittedAt: string) =>
      db.insert(surveyResponses).values({ orgId, template: 'mentee_satisfaction', personId, answers: answers(n), submittedAt: at(submittedAt) });

    // School A: a teacher pair (the mentee a young specialist) and a student group; a pair formed
    // after the round's end and one that ended before it are not counted.
    const m1 = await person(a.id, 'teacher', 20);
    const y1 = await person(a.id, 'teacher', 1);
    const s1 = await person(a.id, 'student');
    const s2 = await person(a.id, 'student');
    const s3 = await person(a.id, 'spo_student');
    const p1 = await pair(a.id, pairsBoardA.id, { startedOn: '2026-02-01', createdAt: '2026-02-01T09:00:00Z' }, m1, [y1]);
    const p2 = await pair(a.id, pairsBoardA.id, { startedOn: '2026-03-01', createdAt: '2026-03-01T09:00:00Z' }, s1, [s2, s3]);
    await pair(a.id, pairsBoardA.id, { startedOn: '2026-03-01', createdAt: '2026-07-05T09:00:00Z' }, await person(a.id, 'teacher', 5), [await person(a.id, 'student')]);
    await pair(a.id, pairsBoardA.id, { startedOn: '2025-09-01', createdAt: '2025-09-01T09:00:00Z', endedOn: '2025-12-20', status: 'completed' }, m1, [await person(a.id, 'student')]);
    await meeting(p1, '2026-02-10', '2026-02-10T12:00:00Z');
    await meeting(p1, '2026-03-10', '2026-03-10T12:00:00Z');
    await meeting(p2, '2026-04-01', '2026-04-01T12:00:00Z');
    await meeting(p2, '2026-06-15', '2026-07-02T12:00:00Z'); // recorded after the round's end
    await survey(a.id, y1, 8, '2026-05-20T10:00:00Z');
    await survey(a.id, s2, 5, '2026-05-21T10:00:00Z');
    await survey(a.id, s3, 9, '2026-07-10T10:00:00Z'); // after the end

    // School B: one student pair.
    const pb = await pair(b.id, pairsBoardB.id, { startedOn: '2026-01-15', createdAt: '2026-01-15T09:00:00Z' }, await person(b.id, 'teacher', 10), [await person(b.id, 'student')]);
    await meeting(pb, '2026-02-01', '2026-02-01T12:00:00Z');

    // School A's roadmap: c1 done on time, c2 done late, c3 due after the round; one indicator.
    const cards = [
      { id: 'c1', title: 'Приказ', fields: { deadline: { text: 'до 01.03.2026', start: null, end: '2026-03-01', recurrence: 'once' }, status: 'todo' } },
      { id: 'c2', title: 'Положение', fields: { deadline: { text: 'до 01.04.2026', start: null, end: '2026-04-01', recurrence: 'once' }, status: 'todo' } },
      { id: 'c3', title: 'Итоги', fields: { deadline: { text: 'до 01.09.2026', start: null, end: '2026-09-01', recurrence: 'once' }, status: 'todo' } },
    ];
    const roadmap = await createBoardAt(db, at('2026-01-10T09:00:00Z'), { orgId: a.id, kind: 'roadmap', title: 'Дорожная карта', periodFrom: 2026, periodTo: 2026 }, {
      title: 'Дорожная карта',
      kind: 'roadmap',
      period: null,
      columns: [{ id: 'col', title: 'Этап', cards }],
      indicators: [{ title: 'Доля молодых специалистов, охваченных наставничеством', unit: '%', targets: { '2026': 100, '2025': 100 } }],
    });
    await writeDatedEditsOffline(db, roadmap.id, [
      { actorId: curator.id, at: at('2026-02-20T10:00:00Z'), apply: (doc) => updateCard(doc, 'c1', { status: 'done' }) },
      { actorId: curator.id, at: at('2026-05-10T10:00:00Z'), apply: (doc) => updateCard(doc, 'c2', { status: 'done' }) },
    ]);
    return { region, muni, a, b, curator, head, headB, mentor, roadmap, p1, y1 };
  }

  t('figures from the real rows, as of the round end', async (db) => {
    const s = await setup(db);
    const r = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(r.round).toEqual({ key: ROUND, from: '2026-01-01', to: '2026-06-30' });
    expect(r.asOf).toBe('2026-06-30T20:59:59.999Z');
    const f = r.figures;
    expect(f.participants.value).toBe(5);
    expect(f.pairs.value).toBe(2);
    expect(f.mentors.value).toBe(2);
    expect(f.mentees.value).toBe(3);
    // held 3; expected ceil(150/14) + ceil(122/14) = 11 + 9
    expect(f.meetingsHeld).toMatchObject({ value: 3, numerator: 3, denominator: 20 });
    // 'share' ≥ 7: one of the two respondents in the round
    expect(f.menteeSatisfaction).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(f.mentorSatisfaction.value).toBeNull();
    expect(f.roadmapOnTime).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(f.roadmapLate.value).toBe(1);
    expect(f.roadmapOverdue.value).toBe(0);
    // no contingent: «нет данных», never a division by zero
    expect(f.studentCoverage.value).toBeNull();
    expect(f.youngSpecialistCoverage.value).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('CONTINGENT_MISSING');
    // the roadmap's indicator, linked by its title, with its target
    expect(r.indicators).toHaveLength(1);
    expect(r.indicators[0]).toMatchObject({ link: 'youngSpecialistCoverage', target: 100, actual: null, status: 'no_data' });
    expect(r.indicators[0].trend.map((x) => x.round)).toEqual(['2024-06', '2024-12', '2025-06', '2025-12']);
    expect(r.execution.items.map((i) => [i.cardId, i.verdict]).sort()).toEqual([
      ['c1', 'on_time'],
      ['c2', 'late'],
      ['c3', 'not_due'],
    ]);

    await setContingent(db, s.curator, s.a.id, ROUND, { students: 1, youngSpecialists: 10 });
    const r2 = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(r2.figures.youngSpecialistCoverage).toMatchObject({ value: 10, numerator: 1, denominator: 10, target: 100 });
    expect(r2.figures.studentCoverage).toMatchObject({ numerator: 2, denominator: 1 });
    expect(r2.warnings.map((w) => w.code)).toContain('CONTINGENT_TOO_SMALL');
    expect(r2.indicators[0]).toMatchObject({ actual: 10, status: 'behind' });
    // the next round offers this one's contingent
    const next = await getOrgReport(db, s.curator, s.a.id, '2026-12', { now: NOW });
    expect(next.contingent).toBeNull();
    expect(next.contingentOffered).toMatchObject({ students: 1, youngSpecialists: 10 });
    expect(next.warnings.map((w) => w.code)).toContain('ROUND_OPEN');
  });

  t('a report as of the round end is unchanged by later edits', async (db) => {
    const s = await setup(db);
    const before = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    // a meeting held in the round but recorded now; a status changed now; a survey now
    await db.insert(meetings).values({ pairId: s.p1, kind: 'regular', heldOn: '2026-05-01' });
    await writeDatedEditsOffline(db, s.roadmap.id, [
      { actorId: s.curator.id, at: new Date(), apply: (doc) => updateCard(doc, 'c1', { status: 'todo' }) },
      { actorId: s.curator.id, at: new Date(), apply: (doc) => updateCard(doc, 'c3', { status: 'done' }) },
    ]);
    await db.insert(surveyResponses).values({ orgId: s.a.id, template: 'mentee_satisfaction', personId: s.y1, answers: answers(10) });
    const after = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(after.figures).toEqual(before.figures);
    expect(after.execution).toEqual(before.execution);
    // The same read from checkpoints (a grid of two rows: the moments the cards became done lie before them).
    expect(await fillCheckpoints(db, 2)).toContain(s.roadmap.id);
    const fromCheckpoints = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(fromCheckpoints.execution).toEqual(before.execution);
    expect(fromCheckpoints.execution.items.filter((i) => i.doneAt !== null)).toHaveLength(2);
    // A row stamped inside the round but written now (a backdated import) is read: the kept activities are replayed.
    await writeDatedEditsOffline(db, s.roadmap.id, [{ actorId: s.curator.id, at: at('2026-03-15T10:00:00Z'), apply: (doc) => updateCard(doc, 'c2', { status: 'cancelled' }) }]);
    const backdated = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(backdated.execution.items.find((i) => i.cardId === 'c2')).toMatchObject({ status: 'cancelled', verdict: 'cancelled' });
  });

  t('an open round is counted up to today: what falls due later in the round is not overdue yet', async (db) => {
    const s = await setup(db);
    const mid = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: at('2026-03-15T09:00:00Z') });
    expect(mid.warnings.map((w) => w.code)).toContain('ROUND_OPEN');
    const verdict = (id: string) => mid.execution.items.find((i) => i.cardId === id)?.verdict;
    expect([verdict('c1'), verdict('c2'), verdict('c3')]).toEqual(['on_time', 'not_due', 'not_due']);
    expect(mid.round.to).toBe((await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW })).round.to); // the round itself keeps its dates
  });

  t('sign freezes; writes to a signed round are refused; reopen needs a reason', async (db) => {
    const s = await setup(db);
    await expectCode(signReport(db, s.curator, s.a.id, ROUND), 'FORBIDDEN');
    const signed = await signReport(db, s.head, s.a.id, ROUND);
    expect(signed.version).toBe(1);
    await expectCode(signReport(db, s.head, s.a.id, ROUND), 'REPORT_SIGNED');
    const frozen = await getOrgReport(db, s.curator, s.a.id, ROUND);
    expect(frozen.signed).toMatchObject({ by: s.head.id, version: 1 });
    await expectCode(setContingent(db, s.curator, s.a.id, ROUND, { students: 100 }), 'REPORT_SIGNED');
    await expectCode(setConclusions(db, s.curator, s.a.id, ROUND, 'Выводы'), 'REPORT_SIGNED');
    // a change to the rows the figures come from: the signed report does not move
    await db.update(pairs).set({ createdAt: at('2026-01-01T00:00:00Z') }).where(eq(pairs.orgId, s.a.id));
    const still = await getOrgReport(db, s.curator, s.a.id, ROUND);
    expect(still.figures).toEqual(frozen.figures);
    const [row] = await db.select().from(reportSignoffs).where(and(eq(reportSignoffs.orgId, s.a.id), eq(reportSignoffs.round, ROUND)));
    expect(Object.keys(row.chainHeads as object)).toContain(`org:${s.a.id}`);
    expect(Object.keys(row.chainHeads as object)).toContain(`board:${s.roadmap.id}`);

    await expectCode(reopenReport(db, s.head, s.a.id, ROUND, '  '), 'REASON_REQUIRED');
    await reopenReport(db, s.head, s.a.id, ROUND, 'Уточнён контингент');
    await expectCode(reopenReport(db, s.head, s.a.id, ROUND, 'ещё раз'), 'REPORT_NOT_SIGNED');
    await setContingent(db, s.curator, s.a.id, ROUND, { students: 100 });
    const open = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(open.signed).toBeNull();
    expect(open.figures.participants.value).toBe(7); // the late pair (two more people) now counts: its date was changed above
    expect(open.versions).toMatchObject([{ version: 1, reopenReason: 'Уточнён контингент' }]);
    expect((await signReport(db, s.head, s.a.id, ROUND)).version).toBe(2);

    const types = (await db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.orgId, s.a.id))).map((r) => r.type).filter((x) => x.startsWith('report.'));
    expect(types).toEqual(['report.signed', 'report.reopened', 'report.contingent_set', 'report.signed']);
  });

  t('permissions: a mentor is refused, a head of another school does not see it', async (db) => {
    const s = await setup(db);
    await expectCode(getOrgReport(db, s.mentor, s.a.id, ROUND), 'FORBIDDEN');
    await expectCode(getOrgReport(db, s.headB, s.a.id, ROUND), 'NOT_FOUND');
    await expectCode(getOrgReport(db, null, s.a.id, ROUND), 'UNAUTHENTICATED');
    await expectCode(setContingent(db, s.head, s.a.id, ROUND, { students: 5 }), 'FORBIDDEN');
    await expectCode(setContingent(db, s.mentor, s.a.id, ROUND, { students: 5 }), 'FORBIDDEN');
    await expectCode(getOrgReport(db, s.curator, 'not-a-uuid', ROUND), 'NOT_FOUND');
  });

  t('bad input: round keys, contingents, settings, indicators', async (db) => {
    const s = await setup(db);
    await expectCode(getOrgReport(db, s.curator, s.a.id, '2026-13'), 'ROUND_INVALID');
    await expectCode(getOrgReport(db, s.curator, s.a.id, '2026-05'), 'ROUND_INVALID'); // no such round set
    await expectCode(setContingent(db, s.curator, s.a.id, ROUND, { students: -1 }), 'CONTINGENT_INVALID');
    await expectCode(setContingent(db, s.curator, s.a.id, ROUND, { students: 1.5 }), 'CONTINGENT_INVALID');
    await expectCode(setRound(db, s.curator, s.a.id, { key: '2026-12', from: '2026-12-01', to: '2026-11-01' }), 'ROUND_INVALID');
    await expectCode(setRound(db, s.curator, s.a.id, { key: '2026-12', from: '2026-09-01', to: '2026-11-30' }), 'ROUND_INVALID');
    await expectCode(setRound(db, s.curator, s.a.id, { key: '2026-12', from: '2026-09-01', to: '2026-12-25', forBelow: true }), 'INVALID_INPUT');
    await expectCode(setSatisfactionSetting(db, s.curator, s.a.id, { formula: 'median' }), 'INVALID_INPUT');
    await expectCode(setIndicatorLink(db, s.curator, s.a.id, { key: 'нет такого', link: 'pairs' }), 'NOT_FOUND');

    // own dates for a round of another month; settings; a manual indicator with its actual
    const own = await setRound(db, s.curator, s.a.id, { key: '2026-05', from: '2026-01-01', to: '2026-05-31' });
    expect(own).toEqual({ key: '2026-05', from: '2026-01-01', to: '2026-05-31' });
    const may = await getOrgReport(db, s.curator, s.a.id, '2026-05', { now: NOW });
    expect(may.roundSource).toEqual({ kind: 'own' });
    expect(may.figures.meetingsHeld.value).toBe(3);
    expect((await listRounds(db, s.curator, s.a.id, '2026-11-30')).rounds.map((r) => r.key)).toContain('2026-05');
    await setSatisfactionSetting(db, s.curator, s.a.id, { formula: 'mean', threshold: 7 });
    const { key } = await addIndicator(db, s.curator, s.a.id, { title: 'Доля работодателей', unit: '%', targets: { '2026': 30 } });
    await setIndicatorLink(db, s.curator, s.a.id, { key, link: 'manual' });
    await setIndicatorActual(db, s.curator, s.a.id, ROUND, { key, value: 35, note: 'по данным опроса' });
    await setConclusions(db, s.curator, s.a.id, ROUND, 'Программа идёт по плану.');
    const r = await getOrgReport(db, s.curator, s.a.id, ROUND, { now: NOW });
    expect(r.satisfaction).toEqual({ formula: 'mean', threshold: 7 });
    expect(r.figures.menteeSatisfaction).toMatchObject({ numerator: 91, denominator: 140, value: 65 });
    expect(r.indicators.find((i) => i.key === key)).toMatchObject({ link: 'manual', actual: 35, note: 'по данным опроса', status: 'on_track', target: 30 });
    expect(r.conclusions).toBe('Программа идёт по плану.');
  });

  t('roll-up sums numerators and denominators; a municipality sets a round for below', async (db) => {
    const s = await setup(db);
    await setContingent(db, (await loadPrincipal(db, (await createUser(db, SYSTEM, { email: 'cur-b@t.ru', name: 'Куратор Б', password: 'password-1' }, { orgId: s.b.id, role: 'curator' })).id))!, s.b.id, ROUND, {
      students: 10,
    });
    const m = await getOrgReport(db, s.head, s.muni.id, ROUND, { now: NOW });
    expect(m.children.map((c) => c.name)).toEqual(['Школа А', 'Школа Б']);
    expect(m.figures.participants.value).toBe(7);
    expect(m.figures.pairs.value).toBe(3);
    expect(m.figures.meetingsHeld).toMatchObject({ numerator: 4, denominator: 20 + 12 }) // B: ceil(167 / 14);
    // A has no contingent: left out of the coverage and counted as missing
    expect(m.figures.studentCoverage).toMatchObject({ numerator: 1, denominator: 10, value: 10, missing: 1 });
    expect(m.children.every((c) => c.reported)).toBe(true);
    const region = await reportApi(db, (await loadPrincipal(db, (await createUser(db, SYSTEM, { email: 'head-r@t.ru', name: 'Глава', password: 'password-1' }, { orgId: s.region.id, role: 'head' })).id))!, s.region.id, ROUND);
    expect(region.figures.participants).toEqual({ value: 7, numerator: 7 });
    expect(region.children).toHaveLength(1);
    expect(region.children[0].figures.studentCoverage).toMatchObject({ numerator: 1, denominator: 10, value: 10 });

    // a signed school contributes its frozen figures to the roll-up
    await signReport(db, s.head, s.b.id, ROUND);
    await db.delete(meetings).where(eq(meetings.heldOn, '2026-02-01'));
    const m2 = await getOrgReport(db, s.head, s.muni.id, ROUND, { now: NOW });
    expect(m2.figures.meetingsHeld.numerator).toBe(4);
    expect(m2.children[1].signed).toMatchObject({ by: s.head.id });

    // a municipality's dates for all below (its curator)
    const mc = (await loadPrincipal(db, (await createUser(db, SYSTEM, { email: 'cur-m@t.ru', name: 'Куратор М', password: 'password-1' }, { orgId: s.muni.id, role: 'curator' })).id))!;
    await setRound(db, mc, s.muni.id, { key: '2026-12', from: '2026-09-01', to: '2026-12-25', forBelow: true });
    const a = await getOrgReport(db, s.curator, s.a.id, '2026-12', { now: NOW });
    expect(a.round).toEqual({ key: '2026-12', from: '2026-09-01', to: '2026-12-25' });
    expect(a.roundSource).toEqual({ kind: 'inherited', orgId: s.muni.id, orgName: 'Округ' });
  });
});

describe.each(testDatabases())('the demo’s reports on $name', (target) => {
  const t = useTestDb(target);

  t('two past rounds with figures, the older one signed; the municipality’s roll-up shows the school', async (db) => {
    const { seedDemo } = await import('../../db/seed-demo');
    const { defaultKeyOf, previousRounds, roundOf } = await import('../../lib/reports/rounds');
    const { todayIso } = await import('../../lib/people/rules');
    const { demoPrincipal } = await import('../helpers/db');
    await seedDemo(db, 'demo-password');
    const curator = await demoPrincipal(db, 'curator');
    const head = await demoPrincipal(db, 'head');
    const schoolId = curator.memberships[0].orgId;
    const [older, last] = previousRounds(roundOf(defaultKeyOf(todayIso())), [], 2).map((r) => r.key);
    const a = await getOrgReport(db, curator, schoolId, older);
    expect(a.signed).not.toBeNull();
    expect(a.figures.pairs.value).toBe(2);
    expect(a.figures.studentCoverage.denominator).toBe(412);
    const b = await getOrgReport(db, curator, schoolId, last);
    expect(b.signed).toBeNull();
    expect(b.figures.pairs.value).toBeGreaterThanOrEqual(3);
    expect(b.figures.menteeSatisfaction.value).not.toBeNull();
    const line = b.indicators.find((i) => i.link === 'menteeSatisfaction')!;
    expect(line.trend.at(-1)).toMatchObject({ round: older });
    expect(line.trend.at(-1)!.actual).not.toBeNull();
    const m = await reportApi(db, head, head.memberships[0].orgId, older);
    expect(m.children).toHaveLength(1);
    expect(m.children[0].signed).not.toBeNull();
    expect(m.figures.pairs).toEqual({ value: 2, numerator: 2 });
    // the past pairs have their cards on the pairs board, in «Завершено»
    const { loadBoardState } = await import('../../db/queries/boards');
    const { readBoard } = await import('../../lib/board/doc');
    const Y = await import('yjs');
    const { boards } = await import('../../db/schema');
    const [pb] = await db.select().from(boards).where(and(eq(boards.orgId, schoolId), eq(boards.kind, 'pairs')));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, pb.id));
    const done = readBoard(doc).columns.find((c) => c.id === 'done')!;
    expect(done.cards.length).toBeGreaterThanOrEqual(5);
  });
});
