import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { Db } from '../../db/client';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import { mentorJournalFor, pairJournalFor, pairsOrderFor } from '../../db/queries/pair-documents';
import { createPair, recordMeeting, setOrder } from '../../db/queries/pairs';
import { createPerson, linkAccount } from '../../db/queries/people';
import { pairSurveys, submitSurvey } from '../../db/queries/surveys';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditEvents, surveyResponses } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { docxText } from '../../lib/people/documents/docx-text';
import type { Principal } from '../../lib/permissions';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

// The pairs' documents and surveys through the verbs (issue 14, items 2, 6 and 8): who may have
// them, what they print, what a survey keeps and what its audit row does not say.
const TODAY = '2026-11-29';
const FORM = 'учитель – учитель';

describe.each(testDatabases())('pair documents and surveys on $name', (target) => {
  const t = useTestDb(target);

  async function setup(db: Db) {
    await seedDemo(db, 'demo-password');
    const head = await demoPrincipal(db, 'head'); // the municipality's head: no names
    const school = await createOrganisation(db, SYSTEM, { parentId: head.memberships[0].orgId, kind: 'organisation', name: 'Школа № 7', slug: 'school-7-docs' });
    const user = await createUser(db, SYSTEM, { email: 'curator7@school.ru', name: 'Куратор Седьмая', password: 'password-1' }, { orgId: school.id, role: 'curator' });
    const curator = (await loadPrincipal(db, user.id))!;
    const add = async (fullName: string, bank: 'mentor' | 'mentee', positionOrClass: string) =>
      (
        await createPerson(
          db,
          curator,
          school.id,
          {
            fullName,
            birthDate: bank === 'mentor' ? '1970-01-02' : '2000-02-03',
            category: 'teacher',
            bank,
            positionOrClass,
            forms: [FORM],
            tags: ['методика'],
            capacity: bank === 'mentor' ? 2 : null,
            consent: { signer: 'self', signerName: fullName, signedOn: '2026-09-01' },
          },
          '2026-09-01',
        )
      ).id;
    const mentorId = await add('Орлова Вера Павловна', 'mentor', 'учитель химии');
    const menteeId = await add('Лебедев Олег Ильич', 'mentee', 'учитель биологии');
    const stranger = await add('Сидоров Пётр Ильич', 'mentee', 'учитель истории');
    const pair = await createPair(db, curator, school.id, { mentorId, menteeIds: [menteeId], form: FORM }, '2026-10-01');
    const account = async (personId: string, email: string): Promise<Principal> => (await loadPrincipal(db, (await linkAccount(db, curator, personId, { email })).userId))!;
    return { curator, head, schoolId: school.id, mentorId, menteeId, stranger, pair, account };
  }

  t('prints the order with the pairs and keeps its number; a head above gets no names', async (db) => {
    const s = await setup(db);
    await setOrder(db, s.curator, s.schoolId, { number: '45-о', date: '2026-10-02', pairIds: [s.pair.id] });
    const order = await pairsOrderFor(db, s.curator, s.schoolId, { number: '45-о', date: '2026-10-02', pairIds: [s.pair.id] });
    const text = docxText(order.bytes);
    expect(order.fileName).toBe('Приказ о закреплении наставнических пар № 45-о.docx');
    expect(text.toLowerCase()).toContain('о закреплении наставнических пар (групп)');
    expect(text).toContain('Орлова Вера Павловна');
    expect(text).toContain('учитель химии');
    expect(text).toContain('Лебедев Олег Ильич');
    expect(text).toContain(FORM);
    expect(text).toContain('01.10.2026');
    expect(text).toContain('31.05.2027'); // the end of the academic year it started in
    expect(text).not.toContain('Сидоров'); // not in a pair
    await expect(pairsOrderFor(db, s.head, s.schoolId, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pairsOrderFor(db, s.curator, s.schoolId, { date: '2.10.2026' })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  t('gives the journal of a pair and of a mentor as DOCX and XLSX, to staff and the pair’s mentor, not to others', async (db) => {
    const s = await setup(db);
    await recordMeeting(db, s.curator, s.pair.id, { kind: 'intro', heldOn: '2026-10-05', format: 'in_person', summary: 'Познакомились, обсудили запрос', rating: 8 }, TODAY);
    const mentor = await s.account(s.mentorId, 'orlova@school.ru');
    const docx = docxText((await pairJournalFor(db, mentor, s.pair.id, 'docx')).bytes);
    expect(docx).toContain('Познакомились, обсудили запрос');
    expect(docx).toContain('05.10.2026');
    const xlsx = await mentorJournalFor(db, s.curator, s.schoolId, s.mentorId, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(cells.some((c) => c.includes('Познакомились, обсудили запрос'))).toBe(true);
    await expect(pairJournalFor(db, s.head, s.pair.id, 'docx')).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    const outsider = await s.account(s.stranger, 'sidorov@school.ru');
    await expect(pairJournalFor(db, outsider, s.pair.id, 'docx')).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    await expect(pairJournalFor(db, s.curator, s.pair.id, 'pdf')).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  t('keeps a mentee’s own answers and a curator’s paper form raw; the audit says who answered, not what', async (db) => {
    const s = await setup(db);
    const mentee = await s.account(s.menteeId, 'lebedev@school.ru');
    const template = (await import('../../lib/surveys')).surveyTemplate('mentee_satisfaction')!;
    const answers = Object.fromEntries(template.items.map((i) => [i.id, i.kind === 'scale' ? 9 : i.kind === 'yesno' ? true : 'Самым ценным был разбор уроков']));
    const own = await submitSurvey(db, mentee, { template: 'mentee_satisfaction', pairId: s.pair.id, answers }, TODAY);
    // The mentee cannot answer the mentor's questionnaire for the pair, nor for someone else.
    await expect(submitSurvey(db, mentee, { template: 'mentor_satisfaction', pairId: s.pair.id, answers }, TODAY)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(submitSurvey(db, mentee, { template: 'mentee_satisfaction', personId: s.stranger, answers }, TODAY)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bad = { ...answers, [template.items.find((i) => i.kind === 'scale')!.id]: 11 };
    await expect(submitSurvey(db, mentee, { template: 'mentee_satisfaction', pairId: s.pair.id, answers: bad }, TODAY)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    // The curator types the mentor's paper form.
    const mentorTemplate = (await import('../../lib/surveys')).surveyTemplate('mentor_satisfaction')!;
    const mentorAnswers = Object.fromEntries(mentorTemplate.items.filter((i) => i.kind !== 'open').map((i) => [i.id, i.kind === 'scale' ? 7 : false]));
    await submitSurvey(db, s.curator, { template: 'mentor_satisfaction', personId: s.mentorId, pairId: s.pair.id, answers: mentorAnswers, source: 'paper', round: '2026-12' }, TODAY);
    const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.pairId, s.pair.id));
    expect(rows.map((r) => [r.template, r.source, r.round]).sort()).toEqual([
      ['mentee_satisfaction', 'online', null],
      ['mentor_satisfaction', 'paper', '2026-12'],
    ]);
    expect(rows.find((r) => r.id === own.id)!.answers).toEqual(answers);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.type, 'survey.answered'), eq(auditEvents.orgId, s.schoolId)));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Самым ценным');
    // The mentee sees its own answers only; the curator sees both.
    expect((await pairSurveys(db, mentee, s.pair.id, s.schoolId)).map((r) => r.template)).toEqual(['mentee_satisfaction']);
    expect(await pairSurveys(db, s.curator, s.pair.id, s.schoolId)).toHaveLength(2);
  });
});
