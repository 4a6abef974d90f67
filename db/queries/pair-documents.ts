import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { mayReadPeople, peopleAccess, type Principal } from '../../lib/permissions';
import { mentorJournalDocx, mentorJournalXlsx, pairsOrderDocx, type JournalPair } from '../../lib/pairs/documents';
import type { IsoDate } from '../../lib/people/types';
import type { Db } from '../client';
import { organisations, pairMembers } from '../schema';
import { orgPath } from './organisations';
import { getPair, listPairs } from './pairs';

/*
 * The pairs' documents as files: «Приказ о закреплении наставнических пар (групп)» and «Журнал
 * наставника». Who may have them follows the reads they print: the order names people, so it is
 * for the organisation's curator, admin and head; a journal follows getPair (the organisation's
 * staff and the pair's own members). Reading names through them is logged by those reads.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
export type FileOut = { bytes: Uint8Array; fileName: string; contentType: string };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function orgName(db: Db, orgId: string) {
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return org?.name ?? '';
}

/** The end of the academic year a pair started in (31 May): the term the order fixes unless ended earlier. */
export function academicYearEnd(startedOn: IsoDate): IsoDate {
  const [y, m] = startedOn.split('-').map(Number);
  return `${m >= 7 ? y + 1 : y}-05-31`;
}

const OrderQuery = z.object({
  number: z.string().trim().max(50).nullish(),
  date: z.string().regex(ISO).nullish(),
  pairIds: z.array(z.string().regex(UUID)).max(500).default([]),
});

/** The order for the listed pairs (all active pairs when none is listed). */
export async function pairsOrderFor(db: Db, principal: Principal | null, orgId: string, query: unknown): Promise<FileOut> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const q = OrderQuery.safeParse(query);
  if (!q.success) throw new AppError('UNPROCESSABLE', 'Номер, дата или список пар приказа указаны неверно.', { fields: q.error.issues.map((i) => String(i.path[0])) });
  const path = UUID.test(orgId) ? await orgPath(db, orgId) : [];
  const access = peopleAccess(principal, path);
  if (path.length === 0 || access === 'none') throw new AppError('NOT_FOUND', 'organisation not found');
  if (!mayReadPeople(access)) throw new AppError('FORBIDDEN', 'the order names people: it is for the organisation’s own staff');
  const all = await listPairs(db, principal, orgId, {});
  const wanted = new Set(q.data.pairIds);
  const chosen = wanted.size ? all.filter((p) => wanted.has(p.id)) : all.filter((p) => p.status === 'active');
  if (wanted.size && chosen.length !== wanted.size) throw new AppError('NOT_FOUND', 'pair not found');
  const bytes = await pairsOrderDocx({
    orgName: await orgName(db, orgId),
    number: q.data.number || null,
    date: q.data.date ?? null,
    pairs: chosen.map((p) => ({
      number: p.number,
      mentor: { name: p.mentor.name, position: p.mentor.positionOrClass },
      mentees: p.mentees.map((m) => ({ name: m.name, classOrPosition: m.positionOrClass })),
      form: p.form,
      roleModel: p.roleModel,
      from: p.startedOn,
      to: p.endedOn ?? academicYearEnd(p.startedOn),
    })),
  });
  const suffix = q.data.number ? ` № ${q.data.number}` : '';
  return { bytes, fileName: `Приказ о закреплении наставнических пар${suffix}.docx`, contentType: DOCX };
}

async function journalFile(db: Db, orgId: string, mentorName: string | null, mentorPosition: string | null, list: JournalPair[], format: string, title: string): Promise<FileOut> {
  const input = { orgName: await orgName(db, orgId), mentorName, mentorPosition, pairs: list };
  if (format === 'xlsx') return { bytes: await mentorJournalXlsx(input), fileName: `${title}.xlsx`, contentType: XLSX };
  if (format === 'docx') return { bytes: await mentorJournalDocx(input), fileName: `${title}.docx`, contentType: DOCX };
  throw new AppError('UNPROCESSABLE', 'Формат журнала: docx или xlsx.', { fields: ['format'] });
}

/** «Журнал наставника» of one pair. */
export async function pairJournalFor(db: Db, principal: Principal | null, pairId: string, format: string): Promise<FileOut> {
  const d = await getPair(db, principal, pairId);
  return journalFile(db, d.pair.orgId, d.pair.mentor.name, d.pair.mentor.positionOrClass, [{ pair: d.pair, meetings: d.meetings, goals: d.goals }], format, `Журнал наставника — пара № ${d.pair.number}`);
}

/** «Журнал наставника» of every pair a mentor (a person of the mentor bank) has had in the organisation. */
export async function mentorJournalFor(db: Db, principal: Principal | null, orgId: string, personId: string, format: string): Promise<FileOut> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  if (!UUID.test(orgId) || !UUID.test(personId)) throw new AppError('NOT_FOUND');
  const rows = await db
    .select({ pairId: pairMembers.pairId })
    .from(pairMembers)
    .where(and(eq(pairMembers.personId, personId), eq(pairMembers.side, 'mentor')));
  const details = [];
  for (const r of rows) details.push(await getPair(db, principal, r.pairId)); // each read authorised (and logged) as the pair page is
  const mine = details.filter((d) => d.pair.orgId === orgId).sort((a, b) => a.pair.number - b.pair.number);
  if (mine.length === 0) throw new AppError('NOT_FOUND', 'no pairs of this mentor');
  const first = mine[0].pair.mentor;
  return journalFile(db, orgId, first.name, first.positionOrClass, mine.map((d) => ({ pair: d.pair, meetings: d.meetings, goals: d.goals })), format, 'Журнал наставника');
}
