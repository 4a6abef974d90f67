import { and, count, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { Db } from '../../db/client';
import { verifyAuditChains } from '../../db/queries/audit';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import {
  createPerson,
  eraseDuePeople,
  erasePerson,
  getPerson,
  linkAccount,
  listBank,
  peopleCounts,
  personAccessLog,
  recordConsent,
  setBankStatus,
  updatePerson,
  withdrawConsent,
} from '../../db/queries/people';
import { createUser, loadPrincipal } from '../../db/queries/users';
import { auditEvents, bankEntries, pdAccessLog, people, personKeys } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { isSealed } from '../../lib/people/pd-crypto';
import type { Principal } from '../../lib/permissions';
import { demoPrincipal, dumpDatabase, testDatabases, useTestDb } from '../helpers/db';

const TODAY = '2026-11-29';
const guardian = { signer: 'guardian', signerName: 'Смирнова Ольга Петровна', guardianRelation: 'мать', signedOn: '2026-11-20' } as const;

describe.each(testDatabases())('people and consents on $name', (target) => {
  const t = useTestDb(target);

  async function setup(db: Db) {
    // The demo's school has its own demo banks: these tests work in a second school of the
    // demo municipality, with a curator of their own.
    await seedDemo(db, 'demo-password');
    const head = await demoPrincipal(db, 'head');
    const mentee = await demoPrincipal(db, 'mentee');
    const school = await createOrganisation(db, SYSTEM, { parentId: head.memberships[0].orgId, kind: 'organisation', name: 'Школа № 2', slug: 'school-2-test' });
    const user = await createUser(db, SYSTEM, { email: 'curator2@school.ru', name: 'Куратор Вторая', password: 'password-1' }, { orgId: school.id, role: 'curator' });
    const curator = (await loadPrincipal(db, user.id))!;
    return { curator, head, mentee, schoolId: school.id };
  }

  const adult = (fullName: string, extra: Record<string, unknown> = {}) => ({
    fullName,
    birthDate: '1990-05-04',
    category: 'teacher',
    bank: 'mentor',
    capacity: 2,
    tags: ['математика'],
    consent: { signer: 'self', signerName: fullName, signedOn: '2026-11-01' },
    ...extra,
  });

  t('a person with a valid consent enters approved; without one, a candidate that cannot be approved', async (db) => {
    const { curator, schoolId } = await setup(db);
    const a = await createPerson(db, curator, schoolId, adult('Иванов Иван Иванович'), TODAY);
    expect(a.status).toBe('approved');
    const b = await createPerson(db, curator, schoolId, { fullName: 'Петров Пётр', birthDate: '1985-01-01', category: 'teacher', bank: 'mentor' }, TODAY);
    expect(b.status).toBe('candidate');
    await expect(setBankStatus(db, curator, b.id, { bank: 'mentor', status: 'approved' }, TODAY)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    await expect(createPerson(db, curator, schoolId, { ...adult('Сидоров Сидор'), consent: undefined, status: 'approved' }, TODAY)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    await recordConsent(db, curator, b.id, { signer: 'self', signerName: 'Петров Пётр', signedOn: TODAY }, TODAY);
    await setBankStatus(db, curator, b.id, { bank: 'mentor', status: 'approved' }, TODAY);
    const detail = await getPerson(db, curator, b.id, { today: TODAY });
    expect(detail.entries[0].status).toBe('approved');
    expect(detail.consent).toMatchObject({ state: 'valid', signer: 'self' });
  });

  t('a minor’s consent must be signed by a guardian, with the guardian’s name and relation', async (db) => {
    const { curator, schoolId } = await setup(db);
    const child = { fullName: 'Смирнов Коля', birthDate: '2014-03-01', category: 'student', bank: 'mentee' };
    await expect(createPerson(db, curator, schoolId, { ...child, consent: { signer: 'self', signerName: 'Смирнов Коля', signedOn: '2026-11-20' } }, TODAY)).rejects.toMatchObject({
      code: 'CONSENT_GUARDIAN_REQUIRED',
    });
    await expect(createPerson(db, curator, schoolId, { ...child, consent: { ...guardian, guardianRelation: null } }, TODAY)).rejects.toMatchObject({
      code: 'CONSENT_GUARDIAN_DETAILS',
    });
    expect(await db.select({ n: count() }).from(people).where(eq(people.orgId, schoolId))).toEqual([{ n: 0 }]);
    const { id, status } = await createPerson(db, curator, schoolId, { ...child, consent: guardian }, TODAY);
    expect(status).toBe('approved');
    const page = await listBank(db, curator, schoolId, { bank: 'mentee' }, { today: TODAY });
    expect(page.rows).toEqual([expect.objectContaining({ id, minor: true, consent: expect.objectContaining({ valid: true, signer: 'guardian' }) })]);
  });

  t('bad input: a duplicate, a birth date in the future, an absurd age, a consent in the future', async (db) => {
    const { curator, schoolId } = await setup(db);
    const first = await createPerson(db, curator, schoolId, adult('Иванов Иван'), TODAY);
    await expect(createPerson(db, curator, schoolId, adult('  иванов   ИВАН '), TODAY)).rejects.toMatchObject({ code: 'PERSON_DUPLICATE', details: { existingId: first.id } });
    await expect(createPerson(db, curator, schoolId, adult('Будущий', { birthDate: '2027-01-01' }), TODAY)).rejects.toMatchObject({ code: 'BIRTH_DATE_FUTURE' });
    await expect(createPerson(db, curator, schoolId, adult('Старый', { birthDate: '1900-01-01' }), TODAY)).rejects.toMatchObject({ code: 'AGE_ABSURD' });
    await expect(createPerson(db, curator, schoolId, adult('Рано', { consent: { signer: 'self', signerName: 'Рано', signedOn: '2026-12-31' } }), TODAY)).rejects.toMatchObject({
      code: 'CONSENT_DATE_FUTURE',
    });
    await expect(createPerson(db, curator, schoolId, { fullName: 'X', category: 'alien', bank: 'mentor' }, TODAY)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    expect(await db.select({ n: count() }).from(people).where(eq(people.orgId, schoolId))).toEqual([{ n: 1 }]);
  });

  t('who sees what: the school’s curator edits, the municipality’s head sees counts only, a mentee nothing', async (db) => {
    const { curator, head, mentee, schoolId } = await setup(db);
    const { id } = await createPerson(db, curator, schoolId, adult('Иванов Иван'), TODAY);
    await expect(listBank(db, head, schoolId, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getPerson(db, head, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updatePerson(db, head, id, { fullName: 'Другой' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const counts = await peopleCounts(db, head, head.memberships[0].orgId, TODAY);
    expect(counts.orgs).toContainEqual(expect.objectContaining({ orgId: schoolId, mentors: 1, mentees: 0, consented: 1 }));
    expect(JSON.stringify(counts)).not.toContain('Иванов');
    await expect(listBank(db, mentee, schoolId, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPerson(db, mentee, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listBank(db, null, schoolId, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A head held in the school itself reads (no edits).
    const schoolHead = await createUser(db, SYSTEM, { email: 'head@school.ru', name: 'Директор', password: 'password-1' }, { orgId: schoolId, role: 'head' });
    const sh = (await loadPrincipal(db, schoolHead.id))!;
    expect((await getPerson(db, sh, id)).mayEdit).toBe(false);
    await expect(updatePerson(db, sh, id, { fullName: 'Другой' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  t('the bank pages by keyset over every person once, in name order, with filters; each view is logged', async (db) => {
    const { curator, schoolId } = await setup(db);
    const names = Array.from({ length: 23 }, (_, i) => `Участник Тестовый ${String(i).padStart(2, '0')}`);
    for (const [i, n] of names.entries()) {
      await createPerson(db, curator, schoolId, { ...adult(n), birthDate: `19${80 + (i % 10)}-01-0${1 + (i % 9)}`, consent: i % 3 === 0 ? undefined : adult(n).consent }, TODAY);
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listBank(db, curator, schoolId, { bank: 'mentor', limit: 5, after }, { today: TODAY });
      expect(page.total).toBe(23);
      seen.push(...page.rows.map((r) => r.fullName));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(names);
    // Past the cap the count stops reading: «более N».
    expect(await listBank(db, curator, schoolId, { bank: 'mentor', limit: 5 }, { today: TODAY, totalCap: 20 })).toMatchObject({ total: 20, totalCapped: true });
    expect(await listBank(db, curator, schoolId, { bank: 'mentor', limit: 5 }, { today: TODAY, totalCap: 23 })).toMatchObject({ total: 23, totalCapped: false });
    const missing = await listBank(db, curator, schoolId, { consent: 'missing', limit: 100 }, { today: TODAY });
    expect(missing.total).toBe(8);
    expect(missing.rows.every((r) => !r.consent.valid)).toBe(true);
    const found = await listBank(db, curator, schoolId, { q: 'тестовый 1' }, { today: TODAY });
    expect(found.rows.map((r) => r.fullName)).toEqual(names.slice(10, 20));
    const logged = await db.select({ n: count() }).from(pdAccessLog).where(eq(pdAccessLog.actorId, curator.id));
    expect(logged[0].n).toBe(23 + 5 + 5 + 8 + 10);
    await expect(listBank(db, curator, schoolId, { after: 'garbage' })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  t('withdrawal stops processing at once and sets the erasure 30 days later; the term’s end erases', async (db) => {
    const { curator, schoolId } = await setup(db);
    const { id } = await createPerson(db, curator, schoolId, adult('Отзывов Олег'), TODAY);
    const res = await withdrawConsent(db, curator, id, {}, TODAY);
    expect(res).toEqual({ stopped: true, eraseDueOn: '2026-12-29' });
    const [entry] = await db.select().from(bankEntries).where(eq(bankEntries.personId, id));
    expect(entry.status).toBe('left');
    await expect(setBankStatus(db, curator, id, { bank: 'mentor', status: 'approved' }, TODAY)).rejects.toMatchObject({ code: 'PROCESSING_STOPPED' });
    expect(await eraseDuePeople(db, '2026-12-28')).not.toContain(id);
    expect(await eraseDuePeople(db, '2026-12-29')).toEqual([id]);
    const [p] = await db.select().from(people).where(eq(people.id, id));
    expect(p).toMatchObject({ fullName: 'Участник №1', birthDate: null, ageBand: '35_plus', email: null });
  });

  t('erasure: the name is nowhere in the database in readable form, the audit chain still verifies', async (db) => {
    const { curator, schoolId } = await setup(db);
    const name = 'Уникальнова Стирания Ивановна';
    const { id } = await createPerson(
      db,
      curator,
      schoolId,
      { fullName: name, birthDate: '2012-02-03', category: 'student', bank: 'mentee', positionOrClass: '8 «Ж» класс', tags: ['Дефицитмотивации'], requestText: 'Запросособый', contacts: { email: 'unikal@mail.ru', phone: '+79990001122' }, consent: { ...guardian, signerName: 'Уникальнова Мать Петровна' } },
      TODAY,
    );
    await updatePerson(db, curator, id, { positionOrClass: '9 «Ж» класс' }, TODAY);
    await linkAccount(db, curator, id, { email: 'unikal-account@mail.ru' });
    await getPerson(db, curator, id);
    const secrets = [name, 'Уникальнова', 'unikal', '79990001122', 'Дефицитмотивации', 'Запросособый', '2012-02-03', '«Ж» класс'];
    const before = await dumpDatabase(db);
    expect(secrets.filter((s) => before.includes(s)).length).toBeGreaterThan(0); // the dump can see them while they exist
    // The audit rows never held them in clear: only sealed.
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'person'), eq(auditEvents.entityId, id)));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(rows)).not.toContain('Уникальнова');
    expect(rows.some((r) => isSealed((r.after as { pd?: unknown })?.pd))).toBe(true);

    await withdrawConsent(db, curator, id, {}, TODAY);
    await erasePerson(db, curator, id, 'withdrawal', TODAY);
    const after = await dumpDatabase(db);
    for (const s of secrets) expect(after, s).not.toContain(s);
    expect(after).toContain('Участник №1');
    expect(await db.select().from(personKeys).where(eq(personKeys.personId, id))).toEqual([]);
    expect((await verifyAuditChains(db)).filter((c) => c.broken)).toEqual([]);
    // Counts stay true: still one minor mentee, now «left».
    const page = await listBank(db, curator, schoolId, { bank: 'mentee' }, { today: TODAY });
    expect(page.rows).toEqual([expect.objectContaining({ fullName: 'Участник №1', minor: true, erased: true, status: 'left' })]);
    await expect(updatePerson(db, curator, id, { fullName: 'Снова' })).rejects.toMatchObject({ code: 'PERSON_ERASED' });
    // The access log stays (ids only) for the subject's request and the act.
    expect((await personAccessLog(db, curator, id)).length).toBeGreaterThan(0);
  });

  t('a linked account gets the bank’s role in the person’s organisation; a new one a one-time password', async (db) => {
    const { curator, schoolId } = await setup(db);
    const { id } = await createPerson(db, curator, schoolId, adult('Наставников Андрей'), TODAY);
    const res = await linkAccount(db, curator, id, { email: 'nastavnik@school.ru' });
    expect(res.created).toBe(true);
    expect(res.password).toMatch(/^[0-9a-f]{14}$/);
    const p = (await loadPrincipal(db, res.userId)) as Principal;
    expect(p.memberships).toEqual([{ orgId: schoolId, role: 'mentor' }]);
  });

  t('an organisation above cannot create people; an unknown organisation is not found', async (db) => {
    const { head, curator } = await setup(db);
    await expect(createPerson(db, head, head.memberships[0].orgId, adult('А Б В'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createPerson(db, curator, '00000000-0000-0000-0000-000000000000', adult('А Б В'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'region', name: 'Другой', slug: 'other-reg' });
    await expect(createPerson(db, curator, other.id, adult('А Б В'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
