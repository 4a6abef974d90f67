import { readFileSync } from 'node:fs';
import { and, count, eq, inArray } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { Db } from '../../db/client';
import { verifyAuditChains } from '../../db/queries/audit';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import { createPerson } from '../../db/queries/people';
import { authoriseBankImport, importBank, type ImportBankOptions } from '../../db/queries/people-import';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditEvents, bankEntries, consents, people } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { bankXlsx, parseBankFile, type BankExportRow } from '../../lib/people/bank-file';
import type { Bank } from '../../lib/people/types';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

const SAMPLE = new Uint8Array(readFileSync(new URL('../fixtures/banks/mentees-school.xlsx', import.meta.url)));
const SAMPLE_TODAY = '2025-01-15';
const TODAY = '2026-11-29';

const csv = (lines: string[][]) => new TextEncoder().encode(lines.map((l) => l.join(';')).join('\r\n'));
const HEAD = ['ФИО', 'Дата рождения', 'Категория', 'Количество наставляемых', 'Согласие на обработку ПДн', 'Дата согласия', 'Кто подписал'];

const exportRow = (fullName: string, birthDate: string, consent: BankExportRow['consent']): BankExportRow => ({
  fullName,
  birthDate,
  minor: birthDate > '2008-11-29',
  category: 'student',
  positionOrClass: '8 «А»',
  experienceYears: null,
  youngSpecialist: false,
  contacts: { phone: '+7 900 000-00-00', email: null },
  forms: ['ученик – ученик'],
  tags: ['математика'],
  requestText: null,
  capacity: null,
  status: 'candidate',
  consent,
});

describe.each(testDatabases())('bank import on $name', (target) => {
  const t = useTestDb(target);

  async function setup(db: Db) {
    // The demo school has demo banks of its own: a second school with its own curator.
    await seedDemo(db, 'demo-password');
    const municipalHead = await demoPrincipal(db, 'head');
    const mentee = await demoPrincipal(db, 'mentee');
    const school = await createOrganisation(db, SYSTEM, { parentId: municipalHead.memberships[0].orgId, kind: 'organisation', name: 'Школа № 2', slug: 'school-2-import' });
    const user = await createUser(db, SYSTEM, { email: 'curator2@school.ru', name: 'Куратор Вторая', password: 'password-1' }, { orgId: school.id, role: 'curator' });
    const headUser = await createUser(db, SYSTEM, { email: 'head2@school.ru', name: 'Директор Второй', password: 'password-1' }, { orgId: school.id, role: 'head' });
    return { curator: (await loadPrincipal(db, user.id))!, head: (await loadPrincipal(db, headUser.id))!, mentee, schoolId: school.id };
  }

  const peopleIn = async (db: Db, orgId: string) => (await db.select({ n: count() }).from(people).where(eq(people.orgId, orgId)))[0].n;
  const auditIn = async (db: Db, orgId: string) => db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId));
  const opts = (bank: Bank, extra: Partial<ImportBankOptions> = {}): ImportBankOptions => ({ bank, confirm: false, today: TODAY, ...extra });

  t('the school’s sample list previews with its row errors and saves nothing, not even on confirm', async (db) => {
    const { curator, schoolId } = await setup(db);
    const parse = await parseBankFile(SAMPLE, 'mentees-school.xlsx', { bank: 'mentee', today: SAMPLE_TODAY });
    const before = (await auditIn(db, schoolId)).length;
    const preview = await importBank(db, curator, schoolId, parse, opts('mentee', { today: SAMPLE_TODAY }));
    expect(preview.saved).toBe(false);
    expect(preview.total).toBe(10);
    expect(preview.rows.map((r) => [r.row, r.status])).toEqual([
      [6, 'approved'],
      [7, 'approved'],
      [16, 'candidate'],
    ]);
    expect(preview.rows[0]).toMatchObject({ fullName: 'Смирнова Анна Сергеевна', minor: true, consent: { signer: 'guardian', signerName: 'Смирнова Елена Викторовна', signedOn: '2024-09-02', documentRef: '—' } });
    expect(preview.errors.map((e) => [e.row, e.code])).toEqual([
      [8, 'GUARDIAN_REQUIRED'],
      [10, 'NAME_MISSING'],
      [11, 'BIRTH_DATE_INVALID'],
      [12, 'BIRTH_DATE_FUTURE'],
      [13, 'DUPLICATE_IN_FILE'],
      // 18 now, but 17 on 10.09.2024 when she signed herself: the rules (not the parser) refuse it
      [14, 'CONSENT_GUARDIAN_REQUIRED'],
      [15, 'AGE_ABSURD'],
    ]);
    expect(preview.errors.find((e) => e.row === 14)?.message).toMatch(/^На дату подписания согласия \(10\.09\.2024\) участнику не было 18 лет/);
    expect(preview.columns.find((c) => c.header === 'Фамилия, имя, отчество')?.field).toBe('fullName');
    await expect(importBank(db, curator, schoolId, parse, opts('mentee', { today: SAMPLE_TODAY, confirm: true }))).rejects.toMatchObject({
      code: 'BANK_FILE_INVALID',
      status: 422,
      details: { errors: expect.arrayContaining([expect.objectContaining({ row: 12, code: 'BIRTH_DATE_FUTURE' })]) },
    });
    expect(await peopleIn(db, schoolId)).toBe(0);
    expect((await auditIn(db, schoolId)).length).toBe(before);
  });

  t('a clean Excel list confirms: everyone created with their consents, one audit row for the import, chains verify', async (db) => {
    const { curator, schoolId } = await setup(db);
    const bytes = await bankXlsx(
      [
        exportRow('Смирнова Анна Сергеевна', '2012-03-15', { valid: true, signer: 'guardian', signerName: 'Смирнова Елена Викторовна', guardianRelation: 'мать', signedOn: '2026-09-02', withdrawnOn: null, documentRef: '15' }),
        exportRow('Фёдорова Алёна Дмитриевна', '2007-12-20', { valid: true, signer: 'self', signerName: 'Фёдорова Алёна Дмитриевна', guardianRelation: null, signedOn: '2026-09-10', withdrawnOn: null, documentRef: null }),
        exportRow('Егорова Ксения Олеговна', '2013-12-12', null),
      ],
      { bank: 'mentee', orgName: 'Школа № 2', filterSummary: '', generatedAt: new Date('2026-11-01T10:00:00Z') },
    );
    const parse = await parseBankFile(bytes, 'база.xlsx', { bank: 'mentee', today: TODAY });
    const preview = await importBank(db, curator, schoolId, parse, opts('mentee'));
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => r.status)).toEqual(['approved', 'approved', 'candidate']);
    expect(await peopleIn(db, schoolId)).toBe(0);

    const done = await importBank(db, curator, schoolId, parse, opts('mentee', { confirm: true, fileName: 'база.xlsx' }));
    expect(done.saved).toBe(true);
    const created = await db.select().from(people).where(eq(people.orgId, schoolId));
    expect(created.map((p) => p.fullName).sort()).toEqual(['Егорова Ксения Олеговна', 'Смирнова Анна Сергеевна', 'Фёдорова Алёна Дмитриевна']);
    expect(created.map((p) => p.number).sort()).toEqual([1, 2, 3]);
    const entries = await db.select().from(bankEntries).where(eq(bankEntries.orgId, schoolId));
    expect(entries.every((e) => e.bank === 'mentee')).toBe(true);
    const cs = await db.select().from(consents).where(inArray(consents.personId, created.map((p) => p.id)));
    expect(cs.map((c) => [c.signer, c.signerName, c.guardianRelation, c.signedOn, c.documentRef]).sort()).toEqual([
      ['guardian', 'Смирнова Елена Викторовна', 'мать', '2026-09-02', '15'],
      ['self', 'Фёдорова Алёна Дмитриевна', null, '2026-09-10', '—'],
    ]);
    const audit = await auditIn(db, schoolId);
    expect(audit.filter((a) => a.type === 'person.created')).toHaveLength(3);
    expect(audit.filter((a) => a.type === 'consent.recorded')).toHaveLength(2);
    const imported = audit.filter((a) => a.type === 'bank.imported');
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ entityType: 'organisation', entityId: schoolId, actorId: curator.id, after: { bank: 'mentee', count: 3, fileName: 'база.xlsx' } });
    expect((await verifyAuditChains(db)).filter((c) => c.broken)).toEqual([]);
  });

  t('a list of 1,200 people is saved whole in one confirm (in chunks the embedded database takes), with every audit row chained', async (db) => {
    const { curator, schoolId } = await setup(db);
    const rows = Array.from({ length: 1200 }, (_, i) =>
      exportRow(`Ученикова Мария ${String(i).padStart(4, '0')}`, `20${10 + (i % 4)}-0${1 + (i % 9)}-1${i % 9}`, {
        valid: true, signer: 'guardian', signerName: 'Ученикова Ольга', guardianRelation: 'мать', signedOn: '2026-09-01', withdrawnOn: null, documentRef: String(i),
      }),
    );
    const bytes = await bankXlsx(rows, { bank: 'mentee', orgName: 'Школа № 2', filterSummary: '', generatedAt: new Date('2026-11-01T10:00:00Z') });
    const parse = await parseBankFile(bytes, 'big.xlsx', { bank: 'mentee', today: TODAY });
    expect(parse.errors).toEqual([]);
    await importBank(db, curator, schoolId, parse, opts('mentee', { confirm: true }));
    expect(await peopleIn(db, schoolId)).toBe(1200);
    const audit = await auditIn(db, schoolId);
    expect(audit.filter((a) => a.type === 'person.created')).toHaveLength(1200);
    expect(audit.filter((a) => a.type === 'consent.recorded')).toHaveLength(1200);
    expect((await verifyAuditChains(db)).filter((c) => c.broken)).toEqual([]);
  });

  t('consents marked «да» without a date take the curator’s date; a confirm without it is refused', async (db) => {
    const { curator, schoolId } = await setup(db);
    const bytes = csv([HEAD, ['Иванов Иван Иванович', '04.05.1990', 'педагог', '2', 'да', '', 'сам'], ['Петров Пётр Петрович', '01.01.1985', 'педагог', '', '', '', '']]);
    const parse = await parseBankFile(bytes, 'mentors.csv', { bank: 'mentor', today: TODAY });
    const preview = await importBank(db, curator, schoolId, parse, opts('mentor'));
    expect(preview.undatedConsents).toBe(1);
    expect(preview.rows[0].consent).toMatchObject({ dateFromCurator: true });
    await expect(importBank(db, curator, schoolId, parse, opts('mentor', { confirm: true }))).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['consentDate'] } });
    await expect(importBank(db, curator, schoolId, parse, opts('mentor', { confirm: true, consentDate: '2030-01-01' }))).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    expect(await peopleIn(db, schoolId)).toBe(0);
    await importBank(db, curator, schoolId, parse, opts('mentor', { confirm: true, consentDate: '2026-11-02' }));
    const [ivanov] = await db.select().from(people).where(and(eq(people.orgId, schoolId), eq(people.fullName, 'Иванов Иван Иванович')));
    const [c] = await db.select().from(consents).where(eq(consents.personId, ivanov.id));
    expect(c).toMatchObject({ signedOn: '2026-11-02', signer: 'self', documentRef: '—' });
    const [entry] = await db.select().from(bankEntries).where(eq(bankEntries.personId, ivanov.id));
    expect(entry).toMatchObject({ status: 'approved', capacity: 2, bank: 'mentor' });
  });

  t('one bad row (the file’s or the rules’) stops the whole confirm: nothing saved', async (db) => {
    const { curator, schoolId } = await setup(db);
    const bytes = csv([
      HEAD,
      ['Иванов Иван Иванович', '04.05.1990', 'педагог', '2', 'да', '01.11.2026', 'сам'],
      ['Сидоров Сидор Сидорович', '04.05.1980', 'педагог', '40', '', '', ''], // the parser takes 40, the rules allow 30 at most
      ['Петров Пётр Петрович', '01.01.1985', 'педагог', '', '', '', ''],
    ]);
    const parse = await parseBankFile(bytes, 'mentors.csv', { bank: 'mentor', today: TODAY });
    expect(parse.errors).toEqual([]);
    const preview = await importBank(db, curator, schoolId, parse, opts('mentor'));
    expect(preview.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(preview.errors).toEqual([{ row: 3, code: 'UNPROCESSABLE', message: expect.stringContaining('количество наставляемых') }]);
    const refused = await importBank(db, curator, schoolId, parse, opts('mentor', { confirm: true })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BANK_FILE_INVALID', details: { errors: [{ row: 3, code: 'UNPROCESSABLE' }] } });
    expect(await peopleIn(db, schoolId)).toBe(0);
    expect((await auditIn(db, schoolId)).filter((a) => /^(person|consent|bank)\./.test(a.type))).toEqual([]);
  });

  t('a person already in the organisation is named by number and not created again', async (db) => {
    const { curator, schoolId } = await setup(db);
    const existing = await createPerson(db, curator, schoolId, { fullName: 'Иванов Иван Иванович', birthDate: '1990-05-04', category: 'teacher', bank: 'mentor' }, TODAY);
    const bytes = csv([HEAD, ['ИВАНОВ  Иван Иванович', '04.05.1990', 'педагог', '', '', '', ''], ['Петров Пётр Петрович', '01.01.1985', 'педагог', '', '', '', '']]);
    const parse = await parseBankFile(bytes, 'mentors.csv', { bank: 'mentor', today: TODAY });
    const preview = await importBank(db, curator, schoolId, parse, opts('mentor'));
    expect(preview.errors).toEqual([{ row: 2, code: 'DUPLICATE_IN_BANK', message: expect.stringContaining(`Уже есть в банке: №${existing.number}`), warning: true }]);
    expect(preview.rows.map((r) => r.fullName)).toEqual(['Петров Пётр Петрович']);
    const done = await importBank(db, curator, schoolId, parse, opts('mentor', { confirm: true, fileName: 'mentors.csv' }));
    expect(done.rows.map((r) => r.fullName)).toEqual(['Петров Пётр Петрович']);
    expect(await peopleIn(db, schoolId)).toBe(2);
    const [imported] = (await auditIn(db, schoolId)).filter((a) => a.type === 'bank.imported');
    expect(imported.after).toMatchObject({ count: 1 });
  });

  t('only the organisation’s curator or admin may import: a head and a mentee are refused before any file is read', async (db) => {
    const { head, mentee, curator, schoolId } = await setup(db);
    await expect(authoriseBankImport(db, head, schoolId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(authoriseBankImport(db, mentee, schoolId)).rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) });
    await expect(authoriseBankImport(db, null, schoolId)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authoriseBankImport(db, curator, schoolId)).resolves.toMatchObject({ orgId: schoolId });
    const parse = await parseBankFile(csv([HEAD, ['Петров Пётр Петрович', '01.01.1985', 'педагог', '', '', '', '']]), 'm.csv', { bank: 'mentor', today: TODAY });
    await expect(importBank(db, head, schoolId, parse, opts('mentor', { confirm: true }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await peopleIn(db, schoolId)).toBe(0);
  });
});
