import { and, asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { verifyAuditChains } from '../../db/queries/audit';
import { loadBoardLog } from '../../db/queries/boards';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import {
  acceptSuggestions,
  createPair,
  describeCandidatePair,
  endPair,
  getPair,
  listPairs,
  listPreferences,
  loadMatchingInput,
  myPairs,
  pairsForBoard,
  PAIRS_BOARD_TITLE,
  rateMeeting,
  recordMeeting,
  setGoals,
  setOrder,
  setPreferences,
  setStage,
  suggestPairs,
} from '../../db/queries/pairs';
import { createPerson, erasePerson, linkAccount, withdrawConsent } from '../../db/queries/people';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditEvents, bankEntries, boards, meetingFeedback, meetings, pairGoals, pairMembers, pairs, pdAccessLog, preferences, surveyResponses } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { readBoard } from '../../lib/board/doc';
import type { Principal } from '../../lib/permissions';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

const START = '2026-09-01';
const TODAY = '2026-11-29';
const SIGNED = '2026-08-20';
const FORM = 'учитель – учитель';

describe.each(testDatabases())('pairs on $name', (target) => {
  const t = useTestDb(target);

  async function setup(db: Db) {
    // A second school of the demo municipality, with a curator of its own (the demo school has its demo pairs board).
    await seedDemo(db, 'demo-password');
    const head = await demoPrincipal(db, 'head'); // the municipality's head: counts only
    const school = await createOrganisation(db, SYSTEM, { parentId: head.memberships[0].orgId, kind: 'organisation', name: 'Школа № 2', slug: 'school-2-pairs' });
    const user = await createUser(db, SYSTEM, { email: 'curator2@school.ru', name: 'Куратор Вторая', password: 'password-1' }, { orgId: school.id, role: 'curator' });
    const curator = (await loadPrincipal(db, user.id))!;
    const add = async (fullName: string, bank: 'mentor' | 'mentee', extra: Record<string, unknown> = {}) =>
      (
        await createPerson(
          db,
          curator,
          school.id,
          {
            fullName,
            birthDate: bank === 'mentor' ? '1975-03-04' : '1999-06-07',
            category: 'teacher',
            bank,
            forms: [FORM],
            tags: ['математика'],
            capacity: bank === 'mentor' ? 2 : null,
            consent: { signer: 'self', signerName: fullName, signedOn: SIGNED },
            contacts: { email: `${fullName.split(' ')[0].toLowerCase()}@mail.test`, phone: '+7 900 000-00-00' },
            ...extra,
          },
          START,
        )
      ).id;
    return { curator, head, schoolId: school.id, add };
  }

  async function account(db: Db, curator: Principal, personId: string, email: string): Promise<Principal> {
    const { userId } = await linkAccount(db, curator, personId, { email });
    return (await loadPrincipal(db, userId))!;
  }

  async function boardCards(db: Db, boardId: string) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadBoardLog(db, boardId)).state);
    return readBoard(doc).columns.flatMap((c) => c.cards.map((card) => ({ column: c.id, id: card.id, title: card.title, fields: card.fields })));
  }

  const statusOf = async (db: Db, personId: string) => (await db.select({ s: bankEntries.status }).from(bankEntries).where(eq(bankEntries.personId, personId)))[0].s;
  const counts = async (db: Db, schoolId: string) => ({
    pairs: (await db.select({ n: count() }).from(pairs).where(eq(pairs.orgId, schoolId)))[0].n,
    meetings: (await db.select({ n: count() }).from(meetings).innerJoin(pairs, eq(pairs.id, meetings.pairId)).where(eq(pairs.orgId, schoolId)))[0].n,
  });

  t('a curator forms a pair and a group: numbered, on the organisation’s pairs board (created), bank entries in_pair, audited by ids', async (db) => {
    const { curator, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна Петровна', 'mentor', { capacity: 3 });
    const [m1, m2, m3] = [await add('Петров Пётр', 'mentee'), await add('Сидорова Света', 'mentee'), await add('Кузнецов Кирилл', 'mentee')];
    const pair = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [m1], form: FORM, roleModel: 'опытный педагог – молодой специалист' }, START);
    expect(pair).toMatchObject({ id: expect.any(String), cardId: pair.id, number: 1, title: 'Пара № 1' });
    const [board] = await db.select().from(boards).where(and(eq(boards.orgId, schoolId), eq(boards.kind, 'pairs')));
    expect(board).toMatchObject({ id: pair.boardId, title: PAIRS_BOARD_TITLE });
    const group = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [m2, m3], form: FORM, rhythmDays: 7 }, START);
    expect(group).toMatchObject({ number: 2, title: 'Группа № 2', boardId: board.id });
    expect(await statusOf(db, mentor)).toBe('in_pair');
    expect(await statusOf(db, m3)).toBe('in_pair');

    const cards = await boardCards(db, board.id);
    expect(cards).toEqual([
      { column: 'intro', id: pair.id, title: 'Пара № 1', fields: { pairId: pair.id, comments: [] } },
      { column: 'intro', id: group.id, title: 'Группа № 2', fields: { pairId: group.id, comments: [] } },
    ]);

    const list = await listPairs(db, curator, schoolId, {}, START);
    expect(list.map((p) => [p.number, p.stage, p.status, p.mentees.length, p.mentor.name])).toEqual([
      [1, 'intro', 'active', 1, 'Иванова Анна Петровна'],
      [2, 'intro', 'active', 2, 'Иванова Анна Петровна'],
    ]);
    expect(list[1]).toMatchObject({ rhythmDays: 7, startedOn: START, meetingsHeld: 0, lastMeetingOn: null, stalled: false, consentWithdrawn: false, mine: false });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, schoolId), eq(auditEvents.type, 'pair.created'))).orderBy(asc(auditEvents.id));
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ boardId: null, entityType: 'pair', entityId: group.id, after: expect.objectContaining({ number: 2, mentorId: mentor, menteeIds: [m2, m3] }) });
    expect(JSON.stringify(audit)).not.toMatch(/Иванова|Петров|Сидорова/);
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
  });

  t('refusals — no consent, withdrawn consent, over capacity, already paired, not approved — save nothing', async (db) => {
    const { curator, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor', { capacity: 1 });
    const ok = await add('Петров Пётр', 'mentee');
    const noConsent = await add('Без Согласия', 'mentee', { consent: undefined });
    const withdrawn = await add('Отозвал Согласие', 'mentee');
    await withdrawConsent(db, curator, withdrawn, { withdrawnOn: START }, START);
    const minor = await add('Смирнов Коля', 'mentee', { birthDate: '2013-03-01', category: 'student', consent: { signer: 'guardian', signerName: 'Смирнова Ольга', guardianRelation: 'мать', signedOn: SIGNED } });
    const before = await counts(db, schoolId);
    const attempt = (menteeIds: string[], mentorId = mentor) => createPair(db, curator, schoolId, { mentorId, menteeIds, form: FORM }, START);
    await expect(attempt([noConsent])).rejects.toMatchObject({ code: 'PAIR_CONSENT_REQUIRED', status: 422, details: { personId: noConsent, fields: ['menteeIds'] } });
    await expect(attempt([withdrawn])).rejects.toMatchObject({ code: 'PROCESSING_STOPPED', message: expect.stringMatching(/Согласие отозвано/) });
    await expect(attempt([ok, minor])).rejects.toMatchObject({ code: 'MENTOR_OVER_CAPACITY', details: { capacityLeft: 1 } });
    await expect(attempt([ok], ok)).rejects.toMatchObject({ code: 'UNPROCESSABLE' }); // the mentor among the mentees
    await expect(attempt([mentor], ok)).rejects.toMatchObject({ code: 'NOT_APPROVED_IN_BANK' }); // a mentee is no mentor
    expect(await counts(db, schoolId)).toEqual(before);
    expect(await statusOf(db, ok)).toBe('approved');
    expect(await db.select().from(boards).where(eq(boards.orgId, schoolId))).toEqual([]); // not even the board

    await attempt([minor]); // a minor with its guardian's consent
    await expect(createPair(db, curator, schoolId, { mentorId: await add('Второй Наставник', 'mentor'), menteeIds: [minor], form: FORM }, START)).rejects.toMatchObject({
      code: 'MENTEE_ALREADY_PAIRED',
    });
    await expect(attempt([ok])).rejects.toMatchObject({ code: 'MENTOR_OVER_CAPACITY', message: expect.stringMatching(/не осталось мест/) });
    expect((await counts(db, schoolId)).pairs).toBe(1);
  });

  t('only a curator or admin of the pair’s own organisation forms pairs', async (db) => {
    const { curator, head, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor');
    const mentee = await add('Петров Пётр', 'mentee');
    const input = { mentorId: mentor, menteeIds: [mentee], form: FORM };
    await expect(createPair(db, head, schoolId, input, START)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const mentorUser = await account(db, curator, mentor, 'mentor2@mail.test');
    await expect(createPair(db, mentorUser, schoolId, input, START)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createPair(db, null, schoolId, input, START)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const demoCurator = await demoPrincipal(db, 'curator'); // a curator of another school
    await expect(createPair(db, demoCurator, schoolId, input, START)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await counts(db, schoolId)).pairs).toBe(0);
  });

  t('the meeting flow: intro → trial → planning (goals) → regular ×2 → final (goals marked) → completed; the card follows; the bank takes them back', async (db) => {
    const { curator, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor');
    const mentee = await add('Петров Пётр', 'mentee');
    const mentorUser = await account(db, curator, mentor, 'anna@mail.test');
    const { id, boardId } = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [mentee], form: FORM }, START);
    const rec = (input: Record<string, unknown>, who: Principal = mentorUser) => recordMeeting(db, who, id, input, TODAY);
    const column = async () => (await boardCards(db, boardId)).find((c) => c.id === id)!.column;

    expect(await rec({ kind: 'intro', heldOn: '2026-09-03', summary: 'Познакомились, обсудили ожидания', rating: 9 }, curator)).toMatchObject({ stage: 'intro', moved: false });
    expect(await column()).toBe('intro');
    expect(await rec({ kind: 'trial', heldOn: '2026-09-10', format: 'remote', summary: 'Разобрали урок' })).toMatchObject({ stage: 'trial', moved: true });
    expect(await column()).toBe('trial');
    await rec({ kind: 'planning', heldOn: '2026-09-17', goals: [{ text: 'Провести открытый урок' }, { text: 'Освоить электронный журнал' }] });
    const goals = (await getPair(db, curator, id, TODAY)).goals;
    expect(goals.map((g) => [g.text, g.reached])).toEqual([
      ['Провести открытый урок', null],
      ['Освоить электронный журнал', null],
    ]);
    await rec({ kind: 'regular', heldOn: '2026-10-01', nextSteps: 'Подготовить конспект' });
    expect(await rec({ kind: 'regular', heldOn: '2026-10-15' })).toMatchObject({ stage: 'regular', moved: false });
    await expect(rec({ kind: 'planning', heldOn: '2026-10-20' })).rejects.toMatchObject({ code: 'MEETING_STAGE_PASSED' });
    await expect(endPair(db, mentorUser, id, { outcome: 'completed' }, TODAY)).rejects.toMatchObject({ code: 'FINAL_MEETING_REQUIRED' });
    await rec({ kind: 'final', heldOn: '2026-11-20', rating: 10, goalsReached: [{ id: goals[0].id, reached: true }, { id: goals[1].id, reached: false }] });
    expect(await rec({ kind: 'final', heldOn: '2026-11-21' })).toMatchObject({ stage: 'final', moved: false }); // a second record of the stage's meeting is kept
    expect(await column()).toBe('final');

    const detail = await getPair(db, mentorUser, id, TODAY);
    expect(detail.meetings.map((m) => [m.kind, m.heldOn])).toEqual([
      ['intro', '2026-09-03'],
      ['trial', '2026-09-10'],
      ['planning', '2026-09-17'],
      ['regular', '2026-10-01'],
      ['regular', '2026-10-15'],
      ['final', '2026-11-20'],
      ['final', '2026-11-21'],
    ]);
    expect(detail.meetings[0]).toMatchObject({ summary: 'Познакомились, обсудили ожидания', mentorRating: 9, recordedBy: curator.id, recordedByName: 'Куратор Вторая' });
    expect(detail.meetings[1]).toMatchObject({ format: 'remote', recordedBy: mentorUser.id });
    expect(detail.goals.map((g) => g.reached)).toEqual([true, false]);
    expect(detail.pair).toMatchObject({ stage: 'final', meetingsHeld: 7, lastMeetingOn: '2026-11-21', mine: true });
    expect(detail.may).toMatchObject({ record: true, end: true, rate: false });

    await endPair(db, mentorUser, id, { outcome: 'completed', endedOn: '2026-11-25' }, TODAY);
    expect(await column()).toBe('done');
    const [row] = await db.select().from(pairs).where(eq(pairs.id, id));
    expect(row).toMatchObject({ status: 'completed', stage: 'done', endedOn: '2026-11-25' });
    expect(await statusOf(db, mentor)).toBe('approved');
    expect(await statusOf(db, mentee)).toBe('approved');
    await expect(rec({ kind: 'regular', heldOn: TODAY })).rejects.toMatchObject({ code: 'PAIR_NOT_ACTIVE' });
    await expect(endPair(db, curator, id, { outcome: 'terminated', reason: 'x' }, TODAY)).rejects.toMatchObject({ code: 'PAIR_NOT_ACTIVE' });

    // The board's trail: each move once, as pair.stage_changed; the organisation's: the meetings, the plan, the end — no free text.
    const boardAudit = await db.select().from(auditEvents).where(and(eq(auditEvents.boardId, boardId), eq(auditEvents.type, 'pair.stage_changed'))).orderBy(asc(auditEvents.id));
    expect(boardAudit.map((a) => [(a.before as { stage: string }).stage, (a.after as { stage: string }).stage])).toEqual([
      ['intro', 'trial'],
      ['trial', 'planning'],
      ['planning', 'regular'],
      ['regular', 'final'],
      ['final', 'done'],
    ]);
    expect(boardAudit.map((a) => a.actorId)).toEqual([mentorUser.id, mentorUser.id, mentorUser.id, mentorUser.id, mentorUser.id]);
    const orgAudit = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, schoolId), eq(auditEvents.entityId, id))).orderBy(asc(auditEvents.id));
    expect(orgAudit.filter((a) => a.boardId === null).map((a) => a.type)).toEqual(['pair.created', 'pair.goals_set', 'pair.goals_marked', 'pair.ended']);
    const meetingAudit = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, schoolId), eq(auditEvents.type, 'meeting.recorded')));
    expect(meetingAudit).toHaveLength(7);
    const all = JSON.stringify(await db.select().from(auditEvents).where(eq(auditEvents.orgId, schoolId)));
    expect(all).not.toMatch(/Познакомились|Разобрали|конспект|открытый урок/);
    expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
  });

  t('bad meetings are refused with nothing saved: future, before the pair, rating 11, a skip without a reason; back only with a reason', async (db) => {
    const { curator, schoolId, add } = await setup(db);
    const { id, boardId } = await createPair(db, curator, schoolId, { mentorId: await add('Иванова Анна', 'mentor'), menteeIds: [await add('Петров Пётр', 'mentee')], form: FORM }, START);
    const rec = (input: Record<string, unknown>) => recordMeeting(db, curator, id, input, TODAY);
    await expect(rec({ kind: 'intro', heldOn: '2026-11-30' })).rejects.toMatchObject({ code: 'MEETING_IN_FUTURE', message: 'Дата встречи не может быть в будущем.', details: { fields: ['heldOn'] } });
    await expect(rec({ kind: 'intro', heldOn: '2026-08-31' })).rejects.toMatchObject({ code: 'MEETING_BEFORE_START' });
    await expect(rec({ kind: 'intro', heldOn: TODAY, rating: 11 })).rejects.toMatchObject({ code: 'RATING_OUT_OF_RANGE', message: 'Оценка — целое число от 1 до 10.' });
    await expect(rec({ kind: 'intro', heldOn: TODAY, rating: 0 })).rejects.toMatchObject({ code: 'RATING_OUT_OF_RANGE' });
    await expect(rec({ kind: 'intro', heldOn: TODAY, summary: 'я'.repeat(4001) })).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['summary'] } });
    await expect(rec({ kind: 'planning', heldOn: TODAY })).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    await expect(rec({ kind: 'trial', heldOn: TODAY, goals: [{ text: 'цель' }] })).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['goals'] } });
    expect((await counts(db, schoolId)).meetings).toBe(0);
    expect((await db.select().from(pairs).where(eq(pairs.id, id)))[0].stage).toBe('intro');

    expect(await rec({ kind: 'planning', heldOn: TODAY, reason: 'пробная встреча совмещена со знакомством' })).toMatchObject({ stage: 'planning', moved: true });
    const moved = await db.select().from(auditEvents).where(and(eq(auditEvents.boardId, boardId), eq(auditEvents.type, 'pair.stage_changed')));
    expect(moved.map((a) => a.after)).toEqual([{ stage: 'planning', reason: 'пробная встреча совмещена со знакомством' }]);
    await expect(setStage(db, curator, id, { stage: 'trial' })).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    await expect(setStage(db, curator, id, { stage: 'done', reason: 'x' })).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['stage'] } });
    expect(await setStage(db, curator, id, { stage: 'trial', reason: 'ошибочно перенесли' })).toEqual({ stage: 'trial', moved: true });
    expect((await boardCards(db, boardId)).find((c) => c.id === id)!.column).toBe('trial');
    expect(await rec({ kind: 'planning', heldOn: TODAY, reason: 'повторное планирование' })).toMatchObject({ stage: 'planning', moved: true });
    await expect(endPair(db, curator, id, { outcome: 'terminated' }, TODAY)).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    await expect(endPair(db, curator, id, { outcome: 'terminated', reason: 'переезд', endedOn: '2026-12-01' }, TODAY)).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['endedOn'] } });
    await endPair(db, curator, id, { outcome: 'terminated', reason: 'переезд наставляемого' }, TODAY);
    expect((await db.select().from(pairs).where(eq(pairs.id, id)))[0]).toMatchObject({ status: 'terminated', endReason: 'переезд наставляемого', endedOn: TODAY });
  });

  t('the pair’s mentee rates a meeting; nobody else does; another mentor may not record or read', async (db) => {
    const { curator, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor');
    const mentee = await add('Петров Пётр', 'mentee');
    const otherMentor = await add('Другой Наставник', 'mentor');
    const otherMentee = await add('Другая Наставляемая', 'mentee');
    const { id } = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [mentee], form: FORM }, START);
    const other = await createPair(db, curator, schoolId, { mentorId: otherMentor, menteeIds: [otherMentee], form: FORM }, START);
    const [mentorUser, menteeUser, otherMentorUser, otherMenteeUser] = [
      await account(db, curator, mentor, 'anna@mail.test'),
      await account(db, curator, mentee, 'petr@mail.test'),
      await account(db, curator, otherMentor, 'drugoy@mail.test'),
      await account(db, curator, otherMentee, 'drugaya@mail.test'),
    ];
    await expect(recordMeeting(db, otherMentorUser, id, { kind: 'intro', heldOn: TODAY }, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordMeeting(db, menteeUser, id, { kind: 'intro', heldOn: TODAY }, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setStage(db, otherMentorUser, id, { stage: 'trial', reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getPair(db, otherMentorUser, id, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id: meetingId } = await recordMeeting(db, mentorUser, id, { kind: 'intro', heldOn: TODAY, summary: 'Знакомство', rating: 8 }, TODAY);

    await expect(rateMeeting(db, menteeUser, meetingId, { rating: 11 })).rejects.toMatchObject({ code: 'RATING_OUT_OF_RANGE' });
    await expect(rateMeeting(db, menteeUser, meetingId, {})).rejects.toMatchObject({ code: 'RATING_OUT_OF_RANGE' });
    await expect(rateMeeting(db, mentorUser, meetingId, { rating: 7 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rateMeeting(db, otherMenteeUser, meetingId, { rating: 7 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rateMeeting(db, curator, meetingId, { rating: 7 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rateMeeting(db, menteeUser, meetingId, { rating: 9, comment: 'Было полезно' })).toEqual({ rating: 9 });
    expect(await rateMeeting(db, menteeUser, meetingId, { rating: 10, comment: 'Очень полезно' })).toEqual({ rating: 10 }); // again: replaces
    expect(await db.select({ rating: meetingFeedback.rating, comment: meetingFeedback.comment }).from(meetingFeedback).where(eq(meetingFeedback.meetingId, meetingId))).toEqual([
      { rating: 10, comment: 'Очень полезно' },
    ]);

    // «Моя пара»: the mentee sees its mentor's name and contacts, the meetings and its own rating, not the mentor's.
    const mine = await myPairs(db, menteeUser, TODAY);
    expect(mine.asMentor).toEqual([]);
    expect(mine.asMentee).toHaveLength(1);
    const view = mine.asMentee[0];
    expect(view).toMatchObject({ personId: mentee, mentorContacts: { email: 'иванова@mail.test', phone: '+7 900 000-00-00' } });
    expect(view.pair.mentor).toMatchObject({ personId: mentor, name: 'Иванова Анна' });
    expect(view.pair.mentees).toEqual([expect.objectContaining({ personId: mentee, name: 'Петров Пётр' })]);
    expect(view.meetings).toEqual([expect.objectContaining({ id: meetingId, summary: 'Знакомство', mentorRating: null, feedback: [expect.objectContaining({ personId: mentee, rating: 10 })] })]);
    const asMentee = await getPair(db, menteeUser, id, TODAY);
    expect(asMentee.may).toMatchObject({ record: false, rate: true });
    expect(asMentee.asMenteePersonId).toBe(mentee);
    expect((await myPairs(db, mentorUser, TODAY)).asMentor.map((p) => p.id)).toEqual([id]);
    expect((await myPairs(db, otherMenteeUser, TODAY)).asMentee.map((v) => v.pair.id)).toEqual([other.id]);
    expect(await db.select({ n: count() }).from(pdAccessLog).where(and(eq(pdAccessLog.actorId, menteeUser.id), eq(pdAccessLog.view, 'pairs.mine')))).toEqual([{ n: 2 }]);
  });

  t('names: the organisation’s staff and the pair’s own members; null for the municipality’s head and another pair’s mentor; reads logged', async (db) => {
    const { curator, head, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor');
    const otherMentor = await add('Другой Наставник', 'mentor');
    const a = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [await add('Петров Пётр', 'mentee')], form: FORM }, START);
    const b = await createPair(db, curator, schoolId, { mentorId: otherMentor, menteeIds: [await add('Сидорова Света', 'mentee')], form: FORM }, START);
    const otherUser = await account(db, curator, otherMentor, 'drugoy@mail.test');

    const names = (list: { id: string; mentor: { name: string | null }; mentees: { name: string | null }[] }[]) =>
      Object.fromEntries(list.map((p) => [p.id, [p.mentor.name, ...p.mentees.map((m) => m.name)]]));
    expect(names(await pairsForBoard(db, curator, a.boardId, TODAY))).toEqual({ [a.id]: ['Иванова Анна', 'Петров Пётр'], [b.id]: ['Другой Наставник', 'Сидорова Света'] });
    const byHead = await pairsForBoard(db, head, a.boardId, TODAY);
    expect(names(byHead)).toEqual({ [a.id]: [null, null], [b.id]: [null, null] });
    expect(JSON.stringify(byHead)).not.toMatch(/Иванова|Петров|Сидорова|Другой/);
    expect(byHead[0].mentor.userId).toBeNull();
    const byOther = await pairsForBoard(db, otherUser, a.boardId, TODAY);
    expect(names(byOther)).toEqual({ [a.id]: [null, null], [b.id]: ['Другой Наставник', 'Сидорова Света'] });
    expect(byOther.map((p) => p.mine)).toEqual([false, true]);
    expect(names(await listPairs(db, head, schoolId, {}, TODAY))).toEqual({ [a.id]: [null, null], [b.id]: [null, null] });
    await expect(getPair(db, head, a.id, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const menteeOnly = await demoPrincipal(db, 'mentee'); // a mentee of another school: nothing at all
    await expect(pairsForBoard(db, menteeOnly, a.boardId, TODAY)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPair(db, menteeOnly, a.id, TODAY)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const logged = async (actorId: string) => (await db.select({ personId: pdAccessLog.personId, view: pdAccessLog.view }).from(pdAccessLog).where(eq(pdAccessLog.actorId, actorId))).length;
    expect(await logged(head.id)).toBe(0);
    expect(await logged(otherUser.id)).toBe(2);
    expect(await db.select({ n: count() }).from(pdAccessLog).where(and(eq(pdAccessLog.actorId, curator.id), eq(pdAccessLog.view, 'pairs.board')))).toEqual([{ n: 4 }]);
  });

  t('a withdrawal flags the pair and stops its records; erasure blanks the pairs’ free text and the person’s preferences', async (db) => {
    const { curator, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor');
    const mentee = await add('Петров Пётр', 'mentee');
    const spare = await add('Запасной Наставник', 'mentor');
    const { id } = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [mentee], form: FORM }, START);
    const menteeUser = await account(db, curator, mentee, 'petr@mail.test');
    await recordMeeting(db, curator, id, { kind: 'intro', heldOn: '2026-09-05', summary: 'Петров рассказал о трудностях', nextSteps: 'Посетить урок' }, TODAY);
    const { id: planning } = await recordMeeting(db, curator, id, { kind: 'planning', heldOn: '2026-09-12', reason: 'болел', goals: [{ text: 'Петров проведёт открытый урок' }] }, TODAY);
    await rateMeeting(db, menteeUser, planning, { rating: 8, comment: 'Петров доволен' });
    await setPreferences(db, curator, schoolId, { personId: mentee, preferred: [mentor, spare] });
    await setPreferences(db, curator, schoolId, { personId: spare, preferred: [mentee] });
    await db.insert(surveyResponses).values({ orgId: schoolId, template: 'mentee-exit', personId: mentee, pairId: id, answers: { q1: 9, q2: true, q3: 'Спасибо Ивановой' } });

    await withdrawConsent(db, curator, mentee, { withdrawnOn: TODAY }, TODAY);
    expect((await listPairs(db, curator, schoolId, {}, TODAY))[0]).toMatchObject({ consentWithdrawn: true, status: 'active' });
    await expect(recordMeeting(db, curator, id, { kind: 'regular', heldOn: TODAY }, TODAY)).rejects.toMatchObject({ code: 'PAIR_CONSENT_WITHDRAWN', details: { personId: mentee } });
    await expect(setGoals(db, curator, id, { goals: [{ text: 'новая' }] })).rejects.toMatchObject({ code: 'PAIR_CONSENT_WITHDRAWN' });

    await erasePerson(db, curator, mentee, 'withdrawal', TODAY);
    const ms = await db.select().from(meetings).where(eq(meetings.pairId, id)).orderBy(asc(meetings.heldOn));
    expect(ms.map((m) => [m.kind, m.heldOn, m.summary, m.nextSteps, m.reason])).toEqual([
      ['intro', '2026-09-05', null, null, null],
      ['planning', '2026-09-12', null, null, null],
    ]);
    expect(await db.select({ rating: meetingFeedback.rating, comment: meetingFeedback.comment }).from(meetingFeedback).where(eq(meetingFeedback.meetingId, planning))).toEqual([
      { rating: 8, comment: null },
    ]);
    expect((await db.select({ text: pairGoals.text }).from(pairGoals).where(eq(pairGoals.pairId, id))).map((g) => g.text)).toEqual(['—']);
    expect((await db.select({ a: surveyResponses.answers }).from(surveyResponses).where(eq(surveyResponses.pairId, id)))[0].a).toEqual({ q1: 9, q2: true, q3: null });
    expect(await db.select().from(preferences).where(eq(preferences.orgId, schoolId))).toEqual([]);
    expect(await db.select({ n: count() }).from(pairMembers).where(eq(pairMembers.pairId, id))).toEqual([{ n: 2 }]);
    const list = await listPairs(db, curator, schoolId, {}, TODAY);
    expect(list[0].mentees[0].name).toBe('Участник №2');
    expect(list[0].meetingsHeld).toBe(2);
    // the pair ends, for the record, with no meeting of its own
    await endPair(db, curator, id, { outcome: 'terminated', reason: 'согласие отозвано' }, TODAY);
    expect(await statusOf(db, mentor)).toBe('approved');
    expect(await statusOf(db, mentee)).toBe('left');
  });

  t('two recorders at once: each meeting is saved and the stage moves once', async () => {
    // Real concurrency needs its own database (not a rolled-back transaction on one connection).
    const handle = await target.open();
    try {
      const db = handle.db;
      const { curator, schoolId, add } = await setup(db);
      const pairsAtPlanning: { id: string; boardId: string; mentorUser: Principal }[] = [];
      for (const n of [1, 2, 3]) {
        const mentor = await add(`Наставник Номер${n}`, 'mentor');
        const mentorUser = await account(db, curator, mentor, `mentor${n}@mail.test`);
        const p = await createPair(db, curator, schoolId, { mentorId: mentor, menteeIds: [await add(`Наставляемый Номер${n}`, 'mentee')], form: FORM }, START);
        await recordMeeting(db, curator, p.id, { kind: 'planning', heldOn: '2026-09-10', reason: 'сразу к плану' }, TODAY);
        pairsAtPlanning.push({ ...p, mentorUser });
      }
      // Three recorders on each pair, every pair at once: each pair's row lock orders its own.
      const results = await Promise.all(
        pairsAtPlanning.flatMap(({ id, mentorUser }) => [
          recordMeeting(db, mentorUser, id, { kind: 'regular', heldOn: '2026-10-01', summary: 'от наставника' }, TODAY).then((r) => ({ ...r, pairId: id })),
          recordMeeting(db, curator, id, { kind: 'regular', heldOn: '2026-10-01', summary: 'от куратора' }, TODAY).then((r) => ({ ...r, pairId: id })),
          recordMeeting(db, mentorUser, id, { kind: 'regular', heldOn: '2026-10-02' }, TODAY).then((r) => ({ ...r, pairId: id })),
        ]),
      );
      for (const { id, boardId } of pairsAtPlanning) {
        expect(results.filter((r) => r.pairId === id && r.moved)).toHaveLength(1);
        expect((await db.select({ s: meetings.summary }).from(meetings).where(and(eq(meetings.pairId, id), eq(meetings.kind, 'regular')))).map((r) => r.s).sort()).toEqual([
          null,
          'от куратора',
          'от наставника',
        ]);
        const moves = await db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.boardId, boardId), eq(auditEvents.type, 'pair.stage_changed'), eq(auditEvents.entityId, id)))
          .orderBy(asc(auditEvents.id));
        expect(moves.map((m) => (m.after as { stage: string }).stage)).toEqual(['planning', 'regular']);
        const recorded = await db.select().from(auditEvents).where(eq(auditEvents.type, 'meeting.recorded'));
        const stages = recorded.filter((a) => (a.after as { pairId: string }).pairId === id).map((a) => (a.after as { stage: { before: string; after: string } }).stage);
        expect(stages.filter((s) => s.before !== s.after)).toHaveLength(2); // intro → planning, planning → regular
        expect((await boardCards(db, boardId)).find((c) => c.id === id)!.column).toBe('regular');
      }
      expect((await verifyAuditChains(db)).every((c) => c.broken === null)).toBe(true);
    } finally {
      await handle.dispose();
    }
  });

  t('several pairs accepted at once, refusals per index; the order kept on the pairs; preferences and who is waiting', async (db) => {
    const { curator, head, schoolId, add } = await setup(db);
    const mentor = await add('Иванова Анна', 'mentor', { capacity: 2 });
    const busy = await add('Занятая Наставница', 'mentor', { capacity: 1, tags: ['физика'] });
    const [m1, m2, m3] = [await add('Петров Пётр', 'mentee'), await add('Сидорова Света', 'mentee'), await add('Кузнецов Кирилл', 'mentee')];
    const noConsent = await add('Без Согласия', 'mentee', { consent: undefined });
    const res = await acceptSuggestions(
      db,
      curator,
      schoolId,
      {
        pairs: [
          { mentorId: mentor, menteeIds: [m1], form: FORM },
          { mentorId: mentor, menteeIds: [noConsent], form: FORM },
          { mentorId: busy, menteeIds: [m2], form: FORM },
          { mentorId: busy, menteeIds: [m3], form: FORM },
          { mentorId: mentor, menteeIds: [m1], form: FORM },
          { mentorId: 'x', menteeIds: [], form: FORM },
        ],
      },
      START,
    );
    expect(res.created).toHaveLength(2);
    expect(res.errors.map((e) => [e.index, e.code])).toEqual([
      [1, 'PAIR_CONSENT_REQUIRED'],
      [3, 'MENTOR_OVER_CAPACITY'],
      [4, 'MENTEE_ALREADY_PAIRED'],
      [5, 'UNPROCESSABLE'],
    ]);
    expect(res.errors[0].message).toMatch(/согласия/);
    const board = (await listPairs(db, curator, schoolId, {}, START))[0].boardId;
    expect((await boardCards(db, board)).map((c) => c.id).sort()).toEqual(res.created.map((c) => c.id).sort());
    expect((await listPairs(db, curator, schoolId, { mentorId: busy }, START)).map((p) => p.number)).toEqual([2]);
    expect(await listPairs(db, curator, schoolId, { status: 'completed' }, START)).toEqual([]);
    await expect(listPairs(db, curator, schoolId, { status: 'x' }, START)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });

    await setOrder(db, curator, schoolId, { number: '45-о', date: '2026-09-02', pairIds: res.created.map((c) => c.id) });
    expect((await listPairs(db, curator, schoolId, {}, START)).map((p) => p.order)).toEqual([
      { number: '45-о', date: '2026-09-02' },
      { number: '45-о', date: '2026-09-02' },
    ]);
    await expect(setOrder(db, head, schoolId, { number: '1', date: '2026-09-02', pairIds: [res.created[0].id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setOrder(db, curator, schoolId, { number: '1', date: '2026-09-02', pairIds: [m1] })).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['pairIds'] } });

    await setPreferences(db, curator, schoolId, { personId: m3, preferred: [mentor, busy] });
    await expect(setPreferences(db, curator, schoolId, { personId: m3, preferred: [m3] })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(setPreferences(db, curator, schoolId, { personId: m3, preferred: [head.id] })).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['preferred'] } });
    expect(await listPreferences(db, curator, schoolId)).toEqual([{ personId: m3, preferred: [mentor, busy] }]);
    await expect(listPreferences(db, head, schoolId)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const input = await loadMatchingInput(db, schoolId, START);
    expect(input.mentors.map((m) => [m.personId, m.capacityLeft, m.consentValid, m.forms, m.tags]).sort()).toEqual(
      [
        [mentor, 1, true, [FORM], ['математика']],
        [busy, 0, true, [FORM], ['физика']],
      ].sort(),
    );
    // waiting: approved mentees not in an active pair (m3); «Без Согласия» is a candidate, not waiting
    expect(input.mentees).toEqual([{ personId: m3, forms: [FORM], tags: ['математика'], consentValid: true }]);
    expect(input.preferences).toEqual([
      { personId: m3, preferredId: mentor, rank: 1 },
      { personId: m3, preferredId: busy, rank: 2 },
    ]);
    expect(JSON.stringify(input)).not.toMatch(/Петров|Иванова/);
  });

  t('suggestions over everyone waiting: consent, capacity and preferences respected, reasons and names for the staff, accepted as they are', async (db) => {
    const { curator, head, schoolId, add } = await setup(db);
    const anna = await add('Иванова Анна', 'mentor', { capacity: 1, tags: ['математика'] });
    const boris = await add('Борисов Борис', 'mentor', { capacity: 2, tags: ['физика'] });
    const petr = await add('Петров Пётр', 'mentee', { tags: ['математика'] });
    const sveta = await add('Сидорова Света', 'mentee', { tags: ['физика'] });
    const expired = await add('Просрочено Согласие', 'mentee', { consent: { signer: 'self', signerName: 'Просрочено Согласие', signedOn: SIGNED, validUntil: '2026-10-01' } });
    await setPreferences(db, curator, schoolId, { personId: sveta, preferred: [anna] });
    await setPreferences(db, curator, schoolId, { personId: anna, preferred: [sveta] });

    const res = await suggestPairs(db, curator, schoolId, TODAY);
    const pairsOf = res.suggestions.map((x) => [x.mentorName, x.menteeName]).sort();
    // Mutual preference outweighs the shared tag: Anna (one place) with Sveta, Petr with Boris.
    expect(pairsOf).toEqual([
      ['Борисов Борис', 'Петров Пётр'],
      ['Иванова Анна', 'Сидорова Света'],
    ]);
    expect(res.suggestions.find((x) => x.mentorId === anna)!.reasons.map((r) => r.code)).toContain('mutual');
    expect(res.suggestions.every((x) => x.form === FORM && x.reasons.every((r) => r.text.length > 0))).toBe(true);
    expect(res.unmatched).toEqual([{ menteeId: expired, reason: 'no_consent', menteeName: 'Просрочено Согласие' }]);
    await expect(suggestPairs(db, head, schoolId, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.select({ n: count() }).from(pdAccessLog).where(and(eq(pdAccessLog.actorId, curator.id), eq(pdAccessLog.view, 'pairs.suggestions')))).toEqual([{ n: 5 }]);

    const byHand = await describeCandidatePair(db, curator, schoolId, anna, petr, TODAY);
    expect(byHand).toMatchObject({ mentorId: anna, menteeId: petr, form: FORM, mentorName: 'Иванова Анна', menteeName: 'Петров Пётр' });
    expect(await describeCandidatePair(db, curator, schoolId, anna, expired, TODAY)).toBeNull();

    const accepted = await acceptSuggestions(db, curator, schoolId, { pairs: res.suggestions.map((x) => ({ mentorId: x.mentorId, menteeIds: [x.menteeId], form: x.form })) }, TODAY);
    expect(accepted).toMatchObject({ created: [expect.anything(), expect.anything()], errors: [] });
    const after = await suggestPairs(db, curator, schoolId, TODAY);
    expect(after.suggestions).toEqual([]);
    expect(after.unmatched.map((u) => u.menteeId)).toEqual([expired]);
  });
});

it('keeps the pairs board title in Russian', () => {
  expect(PAIRS_BOARD_TITLE).toBe('Пары наставничества');
});
