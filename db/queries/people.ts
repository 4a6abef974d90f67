import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { consentInForceFor, consentProblem, consentState, erasureDueOn, mayProcess, type ConsentState } from '../../lib/consents/rules';
import { AppError } from '../../lib/errors';
import { mayEditPeople, mayReadPeople, peopleAccess, type PeopleAccess, type Principal } from '../../lib/permissions';
import {
  ConsentInput,
  EntryInput,
  NewPersonInput,
  PersonPatch,
  StatusInput,
  WithdrawInput,
  parsePeopleInput,
} from '../../lib/people/input';
import { newPersonKey, seal } from '../../lib/people/pd-crypto';
import { ageBandOf, birthDateProblem, erasedName, isMinor, isYoungSpecialist, nameKey, todayIso } from '../../lib/people/rules';
import type { Bank, BankStatus, ConsentPurpose, IsoDate } from '../../lib/people/types';
import { hashPassword } from '../../lib/auth/password';
import type { Db } from '../client';
import { appendAudit, appendOrgAuditBatch } from '../audit';
import { isUniqueViolation } from '../errors';
import { execRows } from '../rows';
import { bankEntries, consents, memberships, organisations, pairMembers, pairs, pdAccessLog, people, personKeys, userKeys, users, type BankEntryRow, type ConsentRow, type Person } from '../schema';
import { boardWriterFor } from '../board-writer';
import { actorId, orgPath, SYSTEM, type Actor } from './organisations';
import { erasePairsTextOf, PAIR_TEXT_TABLES } from './pairs-erasure';
import { notifyPrincipalChanged } from '../../server/realtime/revocation';

/*
 * The banks' verbs. Each write: authorise (peopleAccess: roles held in the person's own
 * organisation) → validate (lib/people, lib/consents) → apply → audit, in one transaction.
 * Personal values in audit rows are sealed with the person's key (lib/people/pd-crypto.ts).
 * Every read that shows personal data writes the access log (pd_access_log).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OrgPeopleContext = { orgId: string; path: string[]; access: PeopleAccess };

/** The organisation and what the principal may do with its people; NOT_FOUND when it may see nothing. */
export async function orgPeopleContext(db: Db, principal: Principal | null, orgId: string): Promise<OrgPeopleContext> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const path = UUID.test(orgId) ? await orgPath(db, orgId) : [];
  const access = peopleAccess(principal, path);
  if (path.length === 0 || access === 'none') throw new AppError('NOT_FOUND', 'organisation not found');
  return { orgId, path, access };
}

function requireRead(ctx: { access: PeopleAccess }) {
  if (!mayReadPeople(ctx.access)) throw new AppError('FORBIDDEN', 'personal data is shown only in the person’s own organisation');
}
function requireEdit(ctx: { access: PeopleAccess }) {
  if (!mayEditPeople(ctx.access)) throw new AppError('FORBIDDEN');
}

type PersonContext = OrgPeopleContext & { person: Person };

export async function personContext(db: Db, principal: Principal | null, personId: string): Promise<PersonContext> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const [person] = UUID.test(personId) ? await db.select().from(people).where(eq(people.id, personId)) : [];
  if (!person) throw new AppError('NOT_FOUND', 'person not found');
  const path = await orgPath(db, person.orgId);
  const access = peopleAccess(principal, path);
  if (access === 'none') throw new AppError('NOT_FOUND', 'person not found');
  return { orgId: person.orgId, path, access, person };
}

// ---------------------------------------------------------------- sealing for the audit

async function keyOf(tx: Db, personId: string): Promise<Uint8Array | null> {
  const [row] = await tx.select({ key: personKeys.key }).from(personKeys).where(eq(personKeys.personId, personId));
  return row?.key ?? null;
}

/** The person's personal values for an audit row, sealed; `undefined` once erased (no key). */
async function sealFor(tx: Db, personId: string, value: Record<string, unknown>) {
  const key = await keyOf(tx, personId);
  if (!key) throw new AppError('PERSON_ERASED');
  return seal(key, personId, value);
}

const personalOf = (p: Pick<Person, 'fullName' | 'birthDate' | 'positionOrClass' | 'email' | 'phone'>) => ({
  fullName: p.fullName,
  birthDate: p.birthDate,
  positionOrClass: p.positionOrClass,
  email: p.email,
  phone: p.phone,
});

async function auditPerson(
  tx: Db,
  actor: Actor,
  person: Pick<Person, 'id' | 'orgId'>,
  type: string,
  facts: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; pdBefore?: Record<string, unknown>; pdAfter?: Record<string, unknown> },
) {
  const withPd = async (plain: Record<string, unknown> | null | undefined, pd: Record<string, unknown> | undefined) => {
    if (!plain && !pd) return null;
    return { ...(plain ?? {}), ...(pd && Object.keys(pd).length > 0 ? { pd: await sealFor(tx, person.id, pd) } : {}) };
  };
  await appendAudit(tx, {
    actorId: actorId(actor),
    orgId: person.orgId,
    boardId: null,
    type,
    entityType: 'person',
    entityId: person.id,
    before: await withPd(facts.before, facts.pdBefore),
    after: await withPd(facts.after, facts.pdAfter),
  });
}

// ---------------------------------------------------------------- reads

export type ConsentSummary = {
  state: ConsentState;
  valid: boolean;
  signer: 'self' | 'guardian' | null;
  signedOn: IsoDate | null;
  withdrawnOn: IsoDate | null;
  validUntil: IsoDate | null;
};

export type BankRow = {
  id: string; // the person's id
  entryId: string;
  number: number;
  fullName: string;
  birthDate: IsoDate | null;
  minor: boolean;
  category: Person['category'];
  positionOrClass: string | null;
  experienceYears: number | null;
  youngSpecialist: boolean;
  contacts: { email: string | null; phone: string | null };
  bank: Bank;
  forms: string[];
  tags: string[];
  requestText: string | null;
  capacity: number | null;
  status: BankStatus;
  registeredOn: IsoDate;
  consent: ConsentSummary;
  /** the speaking consent's paper: who signed, the relation, its number (exports) */
  consentDocument: { signerName: string | null; guardianRelation: string | null; documentRef: string | null };
  erased: boolean;
  processingStopped: boolean;
  eraseDueOn: IsoDate | null;
  userId: string | null;
};

export const BankQuery = z.object({
  bank: z.enum(['mentor', 'mentee']).optional(),
  q: z.string().trim().max(200).optional(),
  form: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(100).optional(),
  status: z.enum(['candidate', 'approved', 'in_pair', 'left']).optional(),
  consent: z.enum(['valid', 'missing', 'withdrawn']).optional(),
  minor: z.enum(['yes', 'no']).optional(),
  youngSpecialist: z.enum(['yes']).optional(),
  after: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(50),
});
export type BankQuery = z.infer<typeof BankQuery>;

const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(s: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && UUID.test(v[1])) return [v[0], v[1]];
  } catch {
    /* refused below */
  }
  throw new AppError('UNPROCESSABLE', 'invalid: after', { fields: ['after'] });
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE of a bank query (shared by the page, the count and the export), over `e`
 * (bank_entries) and, when `needsPerson`, `p` (people). The consent filters are EXISTS
 * on the person's consents, not conditions on the lateral join that shows the consent:
 * that join then runs for the page's rows only, and the count needs no join at all.
 */
function bankWhere(orgId: string, q: BankQuery, today: IsoDate): { where: SQL; needsPerson: boolean } {
  const parts: SQL[] = [sql`e.org_id = ${orgId}`];
  let needsPerson = false;
  if (q.bank) parts.push(sql`e.bank = ${q.bank}`);
  if (q.q) {
    const key = nameKey(q.q);
    if (key) {
      // The matching people first, once (an InitPlan that the trigram index answers), then their
      // entries: left to itself the planner walks the name index and filters, which reads the
      // whole organisation when a fragment is rare.
      parts.push(sql`e.person_id = any(array(select id from people where org_id = ${orgId} and name_key like ${`%${likeEscape(key)}%`}))`);
    }
  }
  if (q.form) parts.push(sql`${q.form} = any(e.forms)`);
  if (q.tag) parts.push(sql`${q.tag} = any(e.tags)`);
  if (q.status) parts.push(sql`e.status = ${q.status}`);
  const inForce = sql`exists (select 1 from consents c where c.person_id = e.person_id and c.purpose = 'pd_processing'
    and c.signed_on <= ${today}::date and (c.valid_until is null or c.valid_until >= ${today}::date)
    and (c.withdrawn_on is null or c.withdrawn_on > ${today}::date))`;
  if (q.consent === 'valid') parts.push(inForce);
  if (q.consent === 'missing') parts.push(sql`not ${inForce}`);
  // the consent that speaks (none in force: the latest) is withdrawn
  if (q.consent === 'withdrawn') {
    parts.push(sql`not ${inForce} and (select c.withdrawn_on from consents c where c.person_id = e.person_id and c.purpose = 'pd_processing'
      order by c.signed_on desc, c.created_at desc limit 1) <= ${today}::date`);
  }
  const minor = sql`(case when p.birth_date is not null then p.birth_date > (${today}::date - interval '18 years')
    when p.age_band is not null then p.age_band in ('under_10', '10_13', '14_17') else p.category = 'student' end)`;
  if (q.minor === 'yes') parts.push(minor);
  if (q.minor === 'no') parts.push(sql`not ${minor}`);
  if (q.minor) needsPerson = true;
  if (q.youngSpecialist) {
    parts.push(sql`p.category = 'teacher' and p.experience_years between 0 and 3`);
    needsPerson = true;
  }
  return { where: sql.join(parts, sql` and `), needsPerson };
}

// The processing consent that speaks for the person `b`: the one in force if any, else the latest.
const consentJoin = (today: IsoDate) => sql`left join lateral (
    select id, signer, signer_name, guardian_relation, document_ref, signed_on, valid_until, withdrawn_on from consents
    where person_id = b.id and purpose = 'pd_processing'
    order by (signed_on <= ${today}::date and (valid_until is null or valid_until >= ${today}::date)
              and (withdrawn_on is null or withdrawn_on > ${today}::date)) desc, signed_on desc, created_at desc
    limit 1) c on true`;

type RawBankRow = {
  id: string;
  entry_id: string;
  number: number;
  full_name: string;
  name_key: string;
  birth_date: string | Date | null;
  age_band: Person['ageBand'];
  category: Person['category'];
  position_or_class: string | null;
  experience_years: number | null;
  email: string | null;
  phone: string | null;
  user_id: string | null;
  erased_at: Date | string | null;
  processing_stopped_at: Date | string | null;
  erase_due_on: string | Date | null;
  bank: Bank;
  forms: string[] | string;
  tags: string[] | string;
  request_text: string | null;
  capacity: number | null;
  status: BankStatus;
  registered_on: string | Date;
  c_signer: 'self' | 'guardian' | null;
  c_signer_name: string | null;
  c_guardian_relation: string | null;
  c_document_ref: string | null;
  c_signed_on: string | Date | null;
  c_valid_until: string | Date | null;
  c_withdrawn_on: string | Date | null;
};

// Raw queries: postgres.js gives dates as strings, PGlite as Date objects; text[] likewise.
const isoOf = (v: string | Date | null): IsoDate | null => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));
const arrayOf = (v: string[] | string): string[] => {
  if (Array.isArray(v)) return v;
  if (v === '{}' || !v) return [];
  return v
    .slice(1, -1)
    .match(/("([^"\\]|\\.)*"|[^,]+)/g)!
    .map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
};

function bankRowOf(r: RawBankRow, today: IsoDate): BankRow {
  const signedOn = isoOf(r.c_signed_on);
  const consent = consentSummary(
    signedOn && r.c_signer ? { signer: r.c_signer, signedOn, validUntil: isoOf(r.c_valid_until), withdrawnOn: isoOf(r.c_withdrawn_on) } : null,
    today,
  );
  const birthDate = isoOf(r.birth_date);
  return {
    id: r.id,
    entryId: r.entry_id,
    number: r.number,
    fullName: r.full_name,
    birthDate,
    minor: isMinor({ birthDate, category: r.category, ageBand: r.age_band }, today),
    category: r.category,
    positionOrClass: r.position_or_class,
    experienceYears: r.experience_years,
    youngSpecialist: isYoungSpecialist({ category: r.category, experienceYears: r.experience_years }),
    contacts: { email: r.email, phone: r.phone },
    bank: r.bank,
    forms: arrayOf(r.forms),
    tags: arrayOf(r.tags),
    requestText: r.request_text,
    capacity: r.capacity,
    status: r.status,
    registeredOn: isoOf(r.registered_on)!,
    consent,
    consentDocument: { signerName: r.c_signer_name, guardianRelation: r.c_guardian_relation, documentRef: r.c_document_ref },
    erased: r.erased_at !== null,
    processingStopped: r.processing_stopped_at !== null,
    eraseDueOn: isoOf(r.erase_due_on),
    userId: r.user_id,
  };
}

const BANK_COLUMNS = sql`p.id, e.id as entry_id, p.number, p.full_name, p.name_key, p.birth_date, p.age_band, p.category,
  p.position_or_class, p.experience_years, p.email, p.phone, p.user_id, p.erased_at, p.processing_stopped_at, p.erase_due_on,
  e.bank, e.forms, e.tags, e.request_text, e.capacity, e.status, e.registered_on`;
const CONSENT_COLUMNS = sql`c.signer as c_signer, c.signer_name as c_signer_name, c.guardian_relation as c_guardian_relation, c.document_ref as c_document_ref,
  c.signed_on as c_signed_on, c.valid_until as c_valid_until, c.withdrawn_on as c_withdrawn_on`;

/** A bank page counts matches up to this many; `totalCapped` says there are more. */
export const TOTAL_CAP = 10_000;

export type BankPage = { rows: BankRow[]; next: string | null; total: number; totalCapped: boolean };

/**
 * A page of a bank, sorted by name, paged by keyset (name, entry id): the 1,000th page of a
 * 50,000-person bank costs what the first does. Logged as a view of every person shown.
 */
export async function listBank(db: Db, principal: Principal | null, orgId: string, query: unknown, opts: { view?: string; today?: IsoDate; totalCap?: number } = {}): Promise<BankPage> {
  const cap = opts.totalCap ?? TOTAL_CAP;
  const ctx = await orgPeopleContext(db, principal, orgId);
  requireRead(ctx);
  const q = parsePeopleInput(BankQuery, query ?? {});
  const today = opts.today ?? todayIso();
  const { where, needsPerson } = bankWhere(orgId, q, today);
  const cursor = q.after ? decodeCursor(q.after) : null;
  // `p.name_key >= key` is implied by the row comparison; said alone, it lets the name index start there.
  // `p.org_id` (the entry's organisation is its person's) lets the people's name index give the order:
  // without it the page sorted all the organisation's people by name_key first.
  const inOrg = sql`${where} and p.org_id = ${orgId}`;
  const page = cursor ? sql`${inOrg} and p.name_key >= ${cursor[0]} and (p.name_key, e.id) > (${cursor[0]}, ${cursor[1]}::uuid)` : inOrg;
  const [rows, [{ n }]] = await Promise.all([
    // The page first, then the consent that speaks for each of its rows.
    execRows<RawBankRow>(db, sql`select b.*, ${CONSENT_COLUMNS} from (
        select ${BANK_COLUMNS} from bank_entries e join people p on p.id = e.person_id
        where ${page} order by p.name_key, e.id limit ${q.limit + 1}) b
      ${consentJoin(today)} order by b.name_key, b.entry_id`),
    // Counted up to TOTAL_CAP + 1: past that the page says «более 10 000» instead of reading every row.
    execRows<{ n: number | string }>(
      db,
      sql`select count(*) as n from (select 1 from bank_entries e ${needsPerson ? sql`join people p on p.id = e.person_id` : sql``} where ${where} limit ${cap + 1}) x`,
    ),
  ]);
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  await logAccess(db, principal!, ctx.orgId, shown.filter((r) => r.erased_at === null).map((r) => r.id), opts.view ?? 'bank.list');
  const total = Math.min(Number(n), cap);
  return { rows: shown.map((r) => bankRowOf(r, today)), next: rows.length > q.limit && last ? encodeCursor(last.name_key, last.entry_id) : null, total, totalCapped: Number(n) > cap };
}

/** Every row of a filtered bank, in pages of 1,000 (for the XLSX export): logged as an export. */
export async function* exportBank(db: Db, principal: Principal | null, orgId: string, query: unknown, today: IsoDate = todayIso()): AsyncGenerator<BankRow[]> {
  let after: string | undefined;
  const base = { ...(query as Record<string, unknown>), limit: 1000 };
  for (;;) {
    const page = await listBank(db, principal, orgId, { ...base, after }, { view: 'bank.export', today });
    yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}

export async function logAccess(db: Db, principal: Principal, orgId: string, personIds: string[], view: string) {
  if (personIds.length === 0) return;
  const requestId = randomUUID();
  for (let i = 0; i < personIds.length; i += 1000) {
    await db.insert(pdAccessLog).values(personIds.slice(i, i + 1000).map((personId) => ({ actorId: principal.id, personId, orgId, view, requestId })));
  }
}

export type PersonDetail = {
  person: Person;
  minor: boolean;
  youngSpecialist: boolean;
  entries: BankEntryRow[];
  consents: ConsentRow[];
  consent: ConsentSummary;
  mayEdit: boolean;
  orgName: string;
};

/** One person's record, for those who may read it; logged as a view of the record. */
export async function getPerson(db: Db, principal: Principal | null, personId: string, opts: { view?: string; today?: IsoDate } = {}): Promise<PersonDetail> {
  const ctx = await personContext(db, principal, personId);
  requireRead(ctx);
  const today = opts.today ?? todayIso();
  const [entries, cs, [org]] = await Promise.all([
    db.select().from(bankEntries).where(eq(bankEntries.personId, personId)).orderBy(asc(bankEntries.bank)),
    db.select().from(consents).where(eq(consents.personId, personId)).orderBy(desc(consents.signedOn), desc(consents.createdAt)),
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ctx.orgId)),
  ]);
  if (!ctx.person.erasedAt) await logAccess(db, principal!, ctx.orgId, [personId], opts.view ?? 'person.card');
  const p = ctx.person;
  return {
    person: p,
    minor: isMinor(p, today),
    youngSpecialist: isYoungSpecialist(p),
    entries,
    consents: cs,
    consent: summariseConsents(cs, today),
    mayEdit: mayEditPeople(ctx.access),
    orgName: org?.name ?? '',
  };
}

export function summariseConsents(cs: readonly ConsentRow[], today: IsoDate): ConsentSummary {
  const processing = cs.filter((c) => c.purpose === 'pd_processing');
  return consentSummary(consentInForceFor(processing, 'pd_processing', today) ?? processing[0] ?? null, today);
}

/** The summary of the processing consent that speaks for a person (in force, else the latest), or of none. */
function consentSummary(c: Pick<ConsentRow, 'signer' | 'signedOn' | 'validUntil' | 'withdrawnOn'> | null, today: IsoDate): ConsentSummary {
  if (!c) return { state: 'none', valid: false, signer: null, signedOn: null, withdrawnOn: null, validUntil: null };
  const state = consentState([{ ...c, purpose: 'pd_processing' }], 'pd_processing', today);
  return { state, valid: state === 'valid', signer: c.signer, signedOn: c.signedOn, withdrawnOn: c.withdrawnOn, validUntil: c.validUntil };
}

/** Counts for organisations above (no personal data): per organisation at and below `orgId`. */
export async function peopleCounts(db: Db, principal: Principal | null, orgId: string, today: IsoDate = todayIso()) {
  const ctx = await orgPeopleContext(db, principal, orgId);
  const rows = await execRows<{ org_id: string; name: string; bank: Bank; status: BankStatus; n: string | number; consented: string | number; minors: string | number }>(
    db,
    // The consented as a hashed set of persons, not a subquery per entry (which cost a probe per row
    // and pushed the plan's cost over the JIT threshold: ~600 ms for 50,000 people).
    sql`with recursive below(id) as (select ${ctx.orgId}::uuid union all select o.id from organisations o join below b on o.parent_id = b.id),
      ok as (select distinct c.person_id from consents c where c.purpose = 'pd_processing'
          and c.signed_on <= ${today}::date and (c.valid_until is null or c.valid_until >= ${today}::date)
          and (c.withdrawn_on is null or c.withdrawn_on > ${today}::date))
      select e.org_id, o.name, e.bank, e.status, count(*) as n, count(ok.person_id) as consented,
        count(*) filter (where p.birth_date > (${today}::date - interval '18 years')
          or (p.birth_date is null and p.age_band in ('under_10', '10_13', '14_17'))) as minors
      from bank_entries e join people p on p.id = e.person_id join organisations o on o.id = e.org_id
        left join ok on ok.person_id = e.person_id
      where e.org_id in (select id from below)
      group by e.org_id, o.name, e.bank, e.status order by o.name`,
  );
  type Tally = { orgId: string; name: string; mentors: number; mentees: number; approved: number; inPair: number; consented: number; minors: number };
  const byOrg = new Map<string, Tally>();
  for (const r of rows) {
    const t = byOrg.get(r.org_id) ?? { orgId: r.org_id, name: r.name, mentors: 0, mentees: 0, approved: 0, inPair: 0, consented: 0, minors: 0 };
    const n = Number(r.n);
    if (r.bank === 'mentor') t.mentors += n;
    else t.mentees += n;
    if (r.status === 'approved') t.approved += n;
    if (r.status === 'in_pair') t.inPair += n;
    t.consented += Number(r.consented);
    t.minors += Number(r.minors);
    byOrg.set(r.org_id, t);
  }
  return { access: ctx.access, orgs: [...byOrg.values()] };
}

// ---------------------------------------------------------------- writes

function refuseBirthDate(birthDate: IsoDate | null, today: IsoDate) {
  if (!birthDate) return;
  const problem = birthDateProblem(birthDate, today);
  if (problem) throw new AppError(problem, problem, { fields: ['birthDate'] });
}

function refuseConsent(person: Pick<Person, 'birthDate' | 'category' | 'ageBand'>, c: ConsentInput, today: IsoDate) {
  const problem = consentProblem(person, c, today);
  if (problem) throw new AppError(problem, problem, { fields: ['consent'] });
}

/** Takes the organisation's people lock for the transaction (numbers and duplicates are decided under it). */
export async function lockOrgPeople(tx: Db, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`people:${orgId}`}, 0))`);
}

async function findDuplicate(tx: Db, orgId: string, key: string, birthDate: IsoDate | null, exceptId?: string) {
  const [dup] = await tx
    .select({ id: people.id, number: people.number })
    .from(people)
    .where(
      and(
        eq(people.orgId, orgId),
        eq(people.nameKey, key),
        birthDate ? eq(people.birthDate, birthDate) : isNull(people.birthDate),
        isNull(people.erasedAt),
        exceptId ? sql`${people.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return dup;
}

const consentValues = (personId: string, c: ConsentInput, by: string | null) => ({
  personId,
  purpose: c.purpose,
  signer: c.signer,
  signerName: c.signerName,
  guardianRelation: c.signer === 'guardian' ? c.guardianRelation : null,
  signedOn: c.signedOn,
  validUntil: c.validUntil,
  documentRef: c.documentRef ?? '—',
  textVersion: c.textVersion ?? CONSENT_TEXT_VERSION,
  createdBy: by,
});

/** The version of the consent texts Tropa prints (lib/people/documents). */
export const CONSENT_TEXT_VERSION = '2025-09';

const consentAuditFacts = (c: ConsentRow) => ({
  plain: { consentId: c.id, purpose: c.purpose, signer: c.signer, signedOn: c.signedOn, validUntil: c.validUntil, documentRef: c.documentRef, textVersion: c.textVersion },
  pd: { signerName: c.signerName, guardianRelation: c.guardianRelation },
});

/**
 * Adds a person to a bank, with its processing consent when one is given. Status: approved
 * only with a consent in force (asked for, or by default when the consent is valid).
 */
export async function createPerson(db: Db, actor: Actor, orgId: string, input: unknown, today: IsoDate = todayIso()): Promise<{ id: string; status: BankStatus; number: number }> {
  if (!('system' in actor)) requireEdit(await orgPeopleContext(db, actor, orgId));
  else if ((await orgPath(db, orgId)).length === 0) throw new AppError('NOT_FOUND', 'organisation not found');
  const data = validateNewPerson(input, today);
  return db.transaction(async (tx) => {
    await lockOrgPeople(tx, orgId);
    return insertPerson(tx, actor, orgId, data, today);
  });
}

/** A new person's input, parsed and checked against the rules (throws the first refusal). */
export function validateNewPerson(input: unknown, today: IsoDate): NewPersonInput & { status: BankStatus } {
  const data = parsePeopleInput(NewPersonInput, input);
  refuseBirthDate(data.birthDate, today);
  const base = { birthDate: data.birthDate, category: data.category, ageBand: null };
  if (data.consent) refuseConsent(base, data.consent, today);
  const consentOk = !!data.consent && data.consent.purpose === 'pd_processing' && mayProcess([{ ...data.consent, withdrawnOn: null }], today);
  if (data.status === 'approved' && !consentOk) throw new AppError('CONSENT_REQUIRED', 'no processing consent in force', { fields: ['status'] });
  return { ...data, status: data.status ?? (consentOk ? 'approved' : 'candidate') };
}

/**
 * Inserts a validated person (row, key, bank entry, consent, audit) inside the caller's
 * transaction, which holds lockOrgPeople(orgId). Refuses a duplicate with PERSON_DUPLICATE.
 */
export async function insertPerson(tx: Db, actor: Actor, orgId: string, data: NewPersonInput & { status: BankStatus }, today: IsoDate) {
  const [created] = await insertPeople(tx, actor, orgId, [data], today);
  return created;
}

/**
 * Inserts validated people in bulk inside the caller's transaction (holding lockOrgPeople):
 * one duplicate check, multi-row inserts of people, keys, entries and consents, and their
 * audit rows appended to the organisation's chain as one batch — all or nothing with the
 * transaction. The first person already in the organisation refuses the whole batch.
 */
export async function insertPeople(tx: Db, actor: Actor, orgId: string, list: (NewPersonInput & { status: BankStatus })[], today: IsoDate) {
  if (list.length === 0) return [];
  const keyed = list.map((data) => ({ data, key: nameKey(data.fullName) }));
  for (let i = 0; i < keyed.length; i += 200) {
    const chunk = keyed.slice(i, i + 200);
    const [dup] = await execRows<{ id: string }>(
      tx,
      sql`select p.id from people p where p.org_id = ${orgId} and p.erased_at is null and (p.name_key, coalesce(p.birth_date, '0001-01-01'::date)) in (${sql.join(
        chunk.map((k) => sql`(${k.key}, ${k.data.birthDate ?? '0001-01-01'}::date)`),
        sql`, `,
      )}) limit 1`,
    );
    if (dup) throw new AppError('PERSON_DUPLICATE', 'a person with this name and birth date exists', { existingId: dup.id });
  }
  const [{ next }] = await execRows<{ next: number }>(tx, sql`select coalesce(max(number), 0) + 1 as next from people where org_id = ${orgId}`);
  const created: { id: string; status: BankStatus; number: number }[] = [];
  const audits: Parameters<typeof appendOrgAuditBatch>[2] = [];
  const by = actorId(actor);
  for (let i = 0; i < keyed.length; i += 500) {
    const chunk = keyed.slice(i, i + 500);
    const rows = await tx
      .insert(people)
      .values(
        chunk.map(({ data, key }, j) => ({
          orgId,
          number: Number(next) + i + j,
          fullName: data.fullName,
          nameKey: key,
          birthDate: data.birthDate,
          ageBand: data.birthDate ? ageBandOf(data.birthDate, today) : null,
          category: data.category,
          positionOrClass: data.positionOrClass,
          experienceYears: data.experienceYears,
          email: data.contacts.email,
          phone: data.contacts.phone,
        })),
      )
      .returning();
    const keys = rows.map((p) => ({ personId: p.id, key: newPersonKey() }));
    await tx.insert(personKeys).values(keys);
    const entries = await tx
      .insert(bankEntries)
      .values(
        chunk.map(({ data }, j) => ({
          personId: rows[j].id,
          orgId,
          bank: data.bank,
          forms: data.forms,
          tags: data.tags,
          requestText: data.requestText,
          capacity: data.bank === 'mentor' ? data.capacity : null,
          status: data.status,
          registeredOn: today,
        })),
      )
      .returning();
    const withConsent = chunk.flatMap(({ data }, j) => (data.consent ? [{ j, consent: data.consent }] : []));
    const cs = withConsent.length ? await tx.insert(consents).values(withConsent.map(({ j, consent }) => consentValues(rows[j].id, consent, by))).returning() : [];
    const consentOf = new Map(cs.map((c) => [c.personId, c]));
    rows.forEach((person, j) => {
      const entry = entries[j];
      const key = keys[j].key;
      audits.push({
        actorId: by,
        type: 'person.created',
        entityType: 'person',
        entityId: person.id,
        after: {
          number: person.number,
          category: person.category,
          bank: entry.bank,
          status: entry.status,
          forms: entry.forms,
          capacity: entry.capacity,
          experienceYears: person.experienceYears,
          pd: seal(key, person.id, { ...personalOf(person), tags: entry.tags, requestText: entry.requestText }),
        },
      });
      const c = consentOf.get(person.id);
      if (c) {
        const f = consentAuditFacts(c);
        audits.push({ actorId: by, type: 'consent.recorded', entityType: 'person', entityId: person.id, after: { ...f.plain, pd: seal(key, person.id, f.pd) } });
      }
      created.push({ id: person.id, status: entry.status, number: person.number });
    });
  }
  await appendOrgAuditBatch(tx, orgId, audits);
  return created;
}

async function editablePerson(db: Db, actor: Principal | null, personId: string) {
  const ctx = await personContext(db, actor, personId);
  requireEdit(ctx);
  if (ctx.person.erasedAt) throw new AppError('PERSON_ERASED');
  return ctx;
}

/** Changes a person's own fields (name, birth date, category, class or position, experience, contacts). */
export async function updatePerson(db: Db, actor: Principal | null, personId: string, input: unknown, today: IsoDate = todayIso()) {
  const ctx = await editablePerson(db, actor, personId);
  const patch = parsePeopleInput(PersonPatch, input);
  const p = ctx.person;
  const next = {
    fullName: patch.fullName ?? p.fullName,
    birthDate: patch.birthDate !== undefined ? patch.birthDate : p.birthDate,
    category: patch.category ?? p.category,
    positionOrClass: patch.positionOrClass !== undefined ? patch.positionOrClass : p.positionOrClass,
    experienceYears: patch.experienceYears !== undefined ? patch.experienceYears : p.experienceYears,
    email: patch.contacts && 'email' in (input as { contacts?: object }).contacts! ? patch.contacts.email : p.email,
    phone: patch.contacts && 'phone' in (input as { contacts?: object }).contacts! ? patch.contacts.phone : p.phone,
  };
  refuseBirthDate(next.birthDate, today);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== p[k]);
  if (changed.length === 0) return p;
  const PD = new Set(['fullName', 'birthDate', 'positionOrClass', 'email', 'phone']);
  const pick = (src: Record<string, unknown>, pd: boolean) => Object.fromEntries(changed.filter((k) => PD.has(k) === pd).map((k) => [k, src[k]]));
  return db.transaction(async (tx) => {
    await lockOrgPeople(tx, p.orgId);
    const key = nameKey(next.fullName);
    const dup = await findDuplicate(tx, p.orgId, key, next.birthDate, p.id);
    if (dup) throw new AppError('PERSON_DUPLICATE', 'a person with this name and birth date exists', { existingId: dup.id });
    const [row] = await tx
      .update(people)
      .set({ ...next, nameKey: key, ageBand: next.birthDate ? ageBandOf(next.birthDate, today) : p.ageBand, updatedAt: new Date() })
      .where(eq(people.id, p.id))
      .returning();
    await auditPerson(tx, actor!, p, 'person.updated', { before: pick(p, false), after: pick(next, false), pdBefore: pick(p, true), pdAfter: pick(next, true) });
    return row;
  });
}

/** Adds the person to a bank or changes its entry there (forms, tags, request, capacity). */
export async function saveBankEntry(db: Db, actor: Principal | null, personId: string, input: unknown, today: IsoDate = todayIso()) {
  const ctx = await editablePerson(db, actor, personId);
  const data = parsePeopleInput(EntryInput, input);
  const values = { forms: data.forms, tags: data.tags, requestText: data.requestText, capacity: data.bank === 'mentor' ? data.capacity : null };
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(bankEntries).where(and(eq(bankEntries.personId, personId), eq(bankEntries.bank, data.bank)));
    if (!old) {
      const [entry] = await tx.insert(bankEntries).values({ personId, orgId: ctx.orgId, bank: data.bank, ...values, status: 'candidate', registeredOn: today }).returning();
      await auditPerson(tx, actor!, ctx.person, 'bank.entry_added', {
        after: { bank: data.bank, status: 'candidate', forms: entry.forms, capacity: entry.capacity },
        pdAfter: { tags: entry.tags, requestText: entry.requestText },
      });
      return entry;
    }
    const [entry] = await tx.update(bankEntries).set(values).where(eq(bankEntries.id, old.id)).returning();
    await auditPerson(tx, actor!, ctx.person, 'bank.entry_updated', {
      before: { bank: old.bank, forms: old.forms, capacity: old.capacity },
      after: { bank: entry.bank, forms: entry.forms, capacity: entry.capacity },
      pdBefore: { tags: old.tags, requestText: old.requestText },
      pdAfter: { tags: entry.tags, requestText: entry.requestText },
    });
    return entry;
  });
}

/** Moves a bank entry's status; «approved» needs a processing consent in force. */
export async function setBankStatus(db: Db, actor: Principal | null, personId: string, input: unknown, today: IsoDate = todayIso()) {
  const ctx = await editablePerson(db, actor, personId);
  const data = parsePeopleInput(StatusInput, input);
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(bankEntries).where(and(eq(bankEntries.personId, personId), eq(bankEntries.bank, data.bank)));
    if (!entry) throw new AppError('NOT_FOUND', 'the person is not in this bank');
    if (entry.status === data.status) return entry;
    if (data.status === 'approved' || data.status === 'in_pair') {
      if (ctx.person.processingStoppedAt) throw new AppError('PROCESSING_STOPPED');
      const cs = await tx.select().from(consents).where(eq(consents.personId, personId));
      if (!mayProcess(cs, today)) throw new AppError('CONSENT_REQUIRED', 'no processing consent in force', { fields: ['status'] });
    }
    const [row] = await tx.update(bankEntries).set({ status: data.status }).where(eq(bankEntries.id, entry.id)).returning();
    await auditPerson(tx, actor!, ctx.person, 'bank.status_changed', { before: { bank: entry.bank, status: entry.status }, after: { bank: entry.bank, status: data.status } });
    return row;
  });
}

/** Records one signed consent document (one purpose per document, 156-ФЗ). */
export async function recordConsent(db: Db, actor: Actor, personId: string, input: unknown, today: IsoDate = todayIso()) {
  const ctx = 'system' in actor ? await systemPerson(db, personId) : await editablePerson(db, actor, personId);
  if (ctx.person.erasedAt) throw new AppError('PERSON_ERASED');
  const data = parsePeopleInput(ConsentInput, input);
  refuseConsent(ctx.person, data, today);
  return db.transaction(async (tx) => {
    const [c] = await tx.insert(consents).values(consentValues(personId, data, actorId(actor))).returning();
    const f = consentAuditFacts(c);
    await auditPerson(tx, actor, ctx.person, 'consent.recorded', { after: f.plain, pdAfter: f.pd });
    // A new processing consent after a withdrawal resumes processing; the erasure is no longer due.
    if (c.purpose === 'pd_processing' && ctx.person.processingStoppedAt && mayProcess([c], today)) {
      await tx.update(people).set({ processingStoppedAt: null, eraseDueOn: null, updatedAt: new Date() }).where(eq(people.id, personId));
      await auditPerson(tx, actor, ctx.person, 'person.processing_resumed', { after: { consentId: c.id } });
    }
    return c;
  });
}

async function systemPerson(db: Db, personId: string) {
  const [person] = UUID.test(personId) ? await db.select().from(people).where(eq(people.id, personId)) : [];
  if (!person) throw new AppError('NOT_FOUND', 'person not found');
  return { person, orgId: person.orgId };
}

/**
 * Withdraws consents (by default every processing consent in force). Withdrawing the
 * processing consent stops processing at once — the person leaves the banks' matching
 * (entries → «left») — and sets the erasure due 30 days later (ст. 21 ч. 5).
 */
export async function withdrawConsent(db: Db, actor: Actor, personId: string, input: unknown, today: IsoDate = todayIso()) {
  const ctx = 'system' in actor ? await systemPerson(db, personId) : await editablePerson(db, actor, personId);
  if (ctx.person.erasedAt) throw new AppError('PERSON_ERASED');
  const data = parsePeopleInput(WithdrawInput, input);
  const on = data.withdrawnOn ?? today;
  if (on > today) throw new AppError('UNPROCESSABLE', 'invalid: withdrawnOn', { fields: ['withdrawnOn'] });
  const purpose: ConsentPurpose = data.purpose ?? 'pd_processing';
  return db.transaction(async (tx) => {
    const all = await tx.select().from(consents).where(eq(consents.personId, personId));
    const targets = data.consentId ? all.filter((c) => c.id === data.consentId) : all.filter((c) => c.purpose === purpose && c.withdrawnOn === null);
    if (data.consentId && targets.length === 0) throw new AppError('NOT_FOUND', 'consent not found');
    for (const c of targets.filter((t) => t.withdrawnOn === null)) {
      await tx.update(consents).set({ withdrawnOn: on }).where(eq(consents.id, c.id));
      await auditPerson(tx, actor, ctx.person, 'consent.withdrawn', { after: { consentId: c.id, purpose: c.purpose, withdrawnOn: on } });
    }
    const stopsProcessing = targets.some((c) => c.purpose === 'pd_processing') || (!data.consentId && purpose === 'pd_processing');
    if (stopsProcessing && !ctx.person.processingStoppedAt) {
      const due = erasureDueOn(on);
      await tx.update(people).set({ processingStoppedAt: new Date(), eraseDueOn: due, updatedAt: new Date() }).where(eq(people.id, personId));
      const left = await tx.update(bankEntries).set({ status: 'left' }).where(and(eq(bankEntries.personId, personId), sql`${bankEntries.status} <> 'left'`)).returning({ bank: bankEntries.bank, status: bankEntries.status });
      await auditPerson(tx, actor, ctx.person, 'person.processing_stopped', { after: { withdrawnOn: on, eraseDueOn: due, banksLeft: left.map((l) => l.bank) } });
      return { stopped: true, eraseDueOn: due };
    }
    return { stopped: false, eraseDueOn: ctx.person.eraseDueOn };
  });
}

export type ErasureReason = 'withdrawal' | 'term' | 'curator';

/**
 * Destroys a person's personal data: the row keeps its number («Участник №N»), category,
 * age band and statuses (counts stay true); name, exact birth date, contacts and free text
 * go from every table, the linked account is anonymised and disabled, and the person's key
 * is deleted, so the sealed values in its audit rows are unreadable for good. Audited
 * without personal values.
 */
export async function erasePerson(db: Db, actor: Actor, personId: string, reason: ErasureReason, today: IsoDate = todayIso()) {
  const ctx = 'system' in actor ? await systemPerson(db, personId) : await personContext(db, actor, personId);
  if (!('system' in actor)) requireEdit(ctx as PersonContext);
  const p = ctx.person;
  if (p.erasedAt) return { alreadyErased: true, number: p.number };
  const result = await db.transaction(async (tx) => {
    const name = erasedName(p.number);
    await tx
      .update(people)
      .set({
        fullName: name,
        nameKey: nameKey(name),
        birthDate: null,
        ageBand: p.birthDate ? ageBandOf(p.birthDate, today) : p.ageBand,
        positionOrClass: null,
        email: null,
        phone: null,
        erasedAt: new Date(),
        processingStoppedAt: p.processingStoppedAt ?? new Date(),
        eraseDueOn: null,
        updatedAt: new Date(),
      })
      .where(eq(people.id, p.id));
    await tx.update(bankEntries).set({ tags: [], requestText: null, status: 'left' }).where(eq(bankEntries.personId, p.id));
    await tx.update(consents).set({ signerName: '—', guardianRelation: null }).where(eq(consents.personId, p.id));
    const inPairs = await erasePairsTextOf(tx, p.id);
    let accountDisabled = false;
    if (p.userId) {
      await tx
        .update(users)
        .set({ name, email: `erased-${p.id}@erased.invalid`, disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1`, passwordHash: 'erased' })
        .where(eq(users.id, p.userId));
      await tx.delete(userKeys).where(eq(userKeys.userId, p.userId));
      accountDisabled = true;
    }
    await tx.delete(personKeys).where(eq(personKeys.personId, p.id));
    await appendAudit(tx, {
      actorId: actorId(actor),
      orgId: p.orgId,
      boardId: null,
      type: 'person.erased',
      entityType: 'person',
      entityId: p.id,
      after: {
        number: p.number,
        reason,
        accountDisabled,
        data: ['fullName', 'birthDate', 'positionOrClass', 'email', 'phone', 'tags', 'requestText', 'consent.signerName', 'consent.guardianRelation'],
        // the free text of the person's pairs (summaries, next steps, comments, goals, open answers) and its preferences
        pairs: inPairs.pairs,
      },
    });
    return { alreadyErased: false, number: p.number, userId: p.userId };
  });
  if (result.userId) await notifyPrincipalChanged(result.userId);
  // The overwritten values stay in the tables' files as dead row versions, which plain VACUUM
  // only marks free: VACUUM FULL rewrites the files without them (a short exclusive lock on
  // these tables; erasures are rare). Not inside a caller's transaction, where it is refused.
  if (!(db instanceof PgTransaction)) {
    await db.execute(sql.raw(`vacuum full people, bank_entries, consents, person_keys, user_keys, users, ${PAIR_TEXT_TABLES.join(', ')}`)).catch((err) => {
      console.error(`[tropa] vacuum after erasure failed (the values are overwritten; old row versions remain until the next vacuum): ${(err as Error).message}`);
    });
  }
  return result;
}

/** Erases everyone whose legal term after withdrawal has ended (run by the server daily and at start). */
export async function eraseDuePeople(db: Db, today: IsoDate = todayIso()): Promise<string[]> {
  const due = await db
    .select({ id: people.id })
    .from(people)
    .where(and(isNull(people.erasedAt), lte(people.eraseDueOn, today)));
  for (const { id } of due) await erasePerson(db, SYSTEM, id, 'term', today);
  return due.map((d) => d.id);
}

// ---------------------------------------------------------------- accounts

/**
 * Links the person to an account with the bank's role (mentor / mentee) in its
 * organisation: an existing account by email, or a new one with a one-time password that
 * the curator hands over. The account's name and email are the person's: sealed in the audit.
 */
export async function linkAccount(db: Db, actor: Principal | null, personId: string, input: unknown): Promise<{ userId: string; created: boolean; password?: string }> {
  const ctx = await editablePerson(db, actor, personId);
  const { email } = parsePeopleInput(z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) }), input);
  if (ctx.person.processingStoppedAt) throw new AppError('PROCESSING_STOPPED');
  const entries = await db.select({ bank: bankEntries.bank }).from(bankEntries).where(eq(bankEntries.personId, personId));
  const roles = [...new Set(entries.map((e) => e.bank))];
  if (roles.length === 0) throw new AppError('UNPROCESSABLE', 'the person is in no bank', { fields: ['bank'] });
  try {
    const result = await db.transaction(async (tx) => {
      let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      let password: string | undefined;
      if (!user) {
        password = randomUUID().replace(/-/g, '').slice(0, 14);
        [user] = await tx.insert(users).values({ email, name: ctx.person.fullName, passwordHash: await hashPassword(password) }).returning({ id: users.id });
        await tx.insert(userKeys).values({ userId: user.id, key: newPersonKey() });
      }
      for (const role of roles) {
        await tx.insert(memberships).values({ userId: user.id, orgId: ctx.orgId, role }).onConflictDoNothing();
      }
      await tx.update(people).set({ userId: user.id, updatedAt: new Date() }).where(eq(people.id, personId));
      await auditPerson(tx, actor!, ctx.person, password ? 'person.account_invited' : 'person.account_linked', {
        after: { userId: user.id, roles },
        pdAfter: { email },
      });
      return { userId: user.id, created: !!password, password };
    });
    await notifyPrincipalChanged(result.userId);
    // A mentor's new account owns its pairs' cards: open pairs boards reload who owns which card.
    const mentored = await db
      .selectDistinct({ boardId: pairs.boardId })
      .from(pairMembers)
      .innerJoin(pairs, eq(pairs.id, pairMembers.pairId))
      .where(and(eq(pairMembers.personId, personId), eq(pairMembers.side, 'mentor')));
    for (const { boardId } of mentored) boardWriterFor(db).pairsChanged(boardId);
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN');
    throw err;
  }
}

// ---------------------------------------------------------------- access log and the person's trail

export async function personAccessLog(db: Db, principal: Principal | null, personId: string, limit = 500) {
  const ctx = await personContext(db, principal, personId);
  requireRead(ctx);
  const rows = await db
    .select({ id: pdAccessLog.id, at: pdAccessLog.at, view: pdAccessLog.view, actorId: pdAccessLog.actorId, actorName: users.name })
    .from(pdAccessLog)
    .leftJoin(users, eq(users.id, pdAccessLog.actorId))
    .where(eq(pdAccessLog.personId, personId))
    .orderBy(desc(pdAccessLog.id))
    .limit(limit);
  const roleRows = rows.length
    ? await db
        .select({ userId: memberships.userId, role: memberships.role })
        .from(memberships)
        .where(and(inArray(memberships.userId, [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))]), inArray(memberships.orgId, ctx.path)))
    : [];
  const rolesOf = new Map<string, string[]>();
  for (const r of roleRows) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role]);
  return rows.map((r) => ({ ...r, roles: r.actorId ? (rolesOf.get(r.actorId) ?? []) : [] }));
}

