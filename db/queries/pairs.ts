import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { mayProcess } from '../../lib/consents/rules';
import { AppError, isAppError } from '../../lib/errors';
import {
  AcceptInputSchema,
  EndInputSchema,
  FeedbackInputSchema,
  GoalsInputSchema,
  MeetingInputSchema,
  OrderInputSchema,
  PairInputSchema,
  PairsQuerySchema,
  PreferencesInputSchema,
  StageInputSchema,
  parsePairsInput,
  problemError,
  unprocessable,
  type PairInputParsed,
} from '../../lib/pairs/input';
import {
  capacityLeft,
  capacityProblem,
  endProblem,
  isProblem,
  isStalled,
  meetingProblem,
  pairingProblem,
  pairTitle,
  planMeeting,
  planStageChange,
  ratingProblem,
  type Problem,
} from '../../lib/pairs/rules';
import type { Goal, MeetingKind, MeetingRecord, PairMember, PairStage, PairSummary } from '../../lib/pairs/types';
import { describePair, suggest, type MatchingInput, type MatchingResult, type Suggestion } from '../../lib/matching';
import { can, mayEditPeople, mayReadPeople, peopleAccess, type PeopleAccess, type Principal } from '../../lib/permissions';
import { todayIso } from '../../lib/people/rules';
import type { IsoDate } from '../../lib/people/types';
import { boardWriterFor, type PairCardOp } from '../board-writer';
import type { Db } from '../client';
import { appendAudit, appendOrgAuditBatch } from '../audit';
import {
  bankEntries,
  boards,
  consents,
  meetingFeedback,
  meetings,
  pairGoals,
  pairMembers,
  pairs,
  people,
  preferences,
  surveyResponses,
  users,
  type PairRow,
} from '../schema';
import { getBoardFor, insertBoard } from './boards';
import { actorId, orgPath, type Actor } from './organisations';
import { logAccess } from './people';

/*
 * The pairs' verbs (DESIGN.md, "Mentoring programme"; rules-14). Each write: authorise (a
 * curator/admin of the pair's own organisation = peopleAccess 'edit'; for meetings and stages
 * also the pair's mentor through its linked account) → validate (lib/pairs/rules, from the
 * database inside the transaction) → apply → audit (the organisation's chain, ids and facts
 * only: free text is never put in clear in an audit row), in one transaction. Then, after the
 * commit, the pair's card is written through the board writer (db/board-writer.ts): the server
 * is the only writer of a pair card's column. Names reach a caller only when it may see them
 * (the person's own organisation's curator, admin or head; the pair's own members), and every
 * read that shows names is written to the access log (pd_access_log).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The title of the pairs board created for an organisation that has none. */
export const PAIRS_BOARD_TITLE = 'Пары наставничества';

const throwProblem = (p: Problem, details?: Record<string, unknown>): never => {
  throw problemError(p, details);
};

/** Takes the organisation's pairs lock for the transaction: numbers, capacities and «already paired» are decided under it. */
export async function lockOrgPairs(tx: Db, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pairs:${orgId}`}, 0))`);
}

const pairsBoardResource = (path: string[]) => ({ type: 'board' as const, orgPath: path, kind: 'pairs' as const });

// ---------------------------------------------------------------- who the caller is to a pair

type OrgPairsContext = { orgId: string; path: string[]; access: PeopleAccess };

/** The organisation's pairs for a caller who may read its pairs board or its people; NOT_FOUND otherwise. */
async function orgPairsContext(db: Db, principal: Principal | null, orgId: string): Promise<OrgPairsContext> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const path = UUID.test(orgId) ? await orgPath(db, orgId) : [];
  const access = peopleAccess(principal, path);
  if (path.length === 0 || (access === 'none' && !can(principal, 'board.read', pairsBoardResource(path)))) throw new AppError('NOT_FOUND', 'organisation not found');
  return { orgId, path, access };
}

async function editableOrg(db: Db, actor: Actor | null, orgId: string): Promise<OrgPairsContext> {
  if (actor && 'system' in actor) {
    const path = UUID.test(orgId) ? await orgPath(db, orgId) : [];
    if (path.length === 0) throw new AppError('NOT_FOUND', 'organisation not found');
    return { orgId, path, access: 'edit' };
  }
  const ctx = await orgPairsContext(db, actor, orgId);
  if (!mayEditPeople(ctx.access)) throw new AppError('FORBIDDEN');
  return ctx;
}

type MemberRow = {
  pairId: string;
  personId: string;
  side: 'mentor' | 'mentee';
  fullName: string;
  positionOrClass: string | null;
  userId: string | null;
  email: string | null;
  phone: string | null;
  stopped: boolean;
  erased: boolean;
};

async function membersOf(db: Db, pairIds: readonly string[]): Promise<MemberRow[]> {
  const out: MemberRow[] = [];
  for (let i = 0; i < pairIds.length; i += 200) {
    const rows = await db
      .select({
        pairId: pairMembers.pairId,
        personId: pairMembers.personId,
        side: pairMembers.side,
        fullName: people.fullName,
        positionOrClass: people.positionOrClass,
        userId: people.userId,
        email: people.email,
        phone: people.phone,
        stoppedAt: people.processingStoppedAt,
        erasedAt: people.erasedAt,
      })
      .from(pairMembers)
      .innerJoin(people, eq(people.id, pairMembers.personId))
      .where(inArray(pairMembers.pairId, pairIds.slice(i, i + 200)))
      .orderBy(asc(people.nameKey), asc(people.id));
    for (const { stoppedAt, erasedAt, ...r } of rows) out.push({ ...r, stopped: stoppedAt !== null, erased: erasedAt !== null });
  }
  return out;
}

/** What the caller is to one pair: its relation decides the names it sees and what it may do. */
type Relation = {
  /** peopleAccess in the pair's organisation: read/edit see every name */
  access: PeopleAccess;
  /** the caller's account is linked to the pair's mentor */
  mentor: boolean;
  /** the pair's mentee whose account is the caller's, if any */
  menteePersonId: string | null;
  system: boolean;
};

function relationOf(actor: Actor | null, access: PeopleAccess, members: readonly MemberRow[]): Relation {
  if (actor && 'system' in actor) return { access: 'edit', mentor: false, menteePersonId: null, system: true };
  const id = actor?.id ?? null;
  return {
    access,
    mentor: id !== null && members.some((m) => m.side === 'mentor' && m.userId === id),
    menteePersonId: (id !== null && members.find((m) => m.side === 'mentee' && m.userId === id)?.personId) || null,
    system: false,
  };
}

/** DESIGN.md: names for the person's own organisation's curator/admin/head and the pair's members (a mentee sees its mentor and itself). */
function nameVisible(rel: Relation, m: MemberRow): boolean {
  if (rel.system || mayReadPeople(rel.access) || rel.mentor) return true;
  return rel.menteePersonId !== null && (m.side === 'mentor' || m.personId === rel.menteePersonId);
}

const mayRecord = (rel: Relation) => rel.system || mayEditPeople(rel.access) || rel.mentor;

type PairContext = { pair: PairRow; path: string[]; members: MemberRow[]; rel: Relation; boardReader: boolean };

async function pairContext(db: Db, actor: Actor | null, pairId: string): Promise<PairContext> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const [pair] = UUID.test(pairId) ? await db.select().from(pairs).where(eq(pairs.id, pairId)) : [];
  if (!pair) throw new AppError('NOT_FOUND', 'pair not found');
  const path = await orgPath(db, pair.orgId);
  const members = await membersOf(db, [pair.id]);
  const system = 'system' in actor;
  const rel = relationOf(actor, system ? 'edit' : peopleAccess(actor, path), members);
  const boardReader = system || can(actor as Principal, 'board.read', pairsBoardResource(path));
  // Nobody who may neither see the organisation's people (counts included) nor its pairs board, nor is a member, learns the pair exists.
  if (rel.access === 'none' && !rel.mentor && !rel.menteePersonId && !boardReader) throw new AppError('NOT_FOUND', 'pair not found');
  return { pair, path, members, rel, boardReader };
}

function requireRecorder(ctx: PairContext) {
  if (!mayRecord(ctx.rel)) throw new AppError('FORBIDDEN', 'only the pair’s mentor or a curator of its organisation records its meetings');
}

// ---------------------------------------------------------------- summaries

function memberView(rel: Relation, m: MemberRow): PairMember {
  const shown = nameVisible(rel, m);
  return { personId: m.personId, side: m.side, name: shown ? m.fullName : null, positionOrClass: shown ? m.positionOrClass : null, userId: shown ? m.userId : null };
}

type Stats = { n: number; last: IsoDate | null };

async function statsOf(db: Db, pairIds: readonly string[]): Promise<Map<string, Stats>> {
  const out = new Map<string, Stats>();
  for (let i = 0; i < pairIds.length; i += 200) {
    const rows = await db
      .select({ pairId: meetings.pairId, n: count(), last: sql<string | null>`max(${meetings.heldOn})::text` })
      .from(meetings)
      .where(inArray(meetings.pairId, pairIds.slice(i, i + 200)))
      .groupBy(meetings.pairId);
    for (const r of rows) out.set(r.pairId, { n: Number(r.n), last: r.last });
  }
  return out;
}

/**
 * PairSummary for each pair row, names per the caller's relation to each pair; logs the names
 * shown (view) in the access log of the pair's organisation.
 */
async function summarise(db: Db, actor: Actor, rows: readonly PairRow[], today: IsoDate, view: string): Promise<PairSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [members, stats] = await Promise.all([membersOf(db, ids), statsOf(db, ids)]);
  const byPair = new Map<string, MemberRow[]>();
  for (const m of members) byPair.set(m.pairId, [...(byPair.get(m.pairId) ?? []), m]);
  const accessByOrg = new Map<string, PeopleAccess>();
  for (const orgId of new Set(rows.map((r) => r.orgId))) {
    accessByOrg.set(orgId, 'system' in actor ? 'edit' : peopleAccess(actor, await orgPath(db, orgId)));
  }
  const shown = new Map<string, Set<string>>(); // orgId → person ids whose names were shown
  const out = rows.map((p) => {
    const ms = byPair.get(p.id) ?? [];
    const rel = relationOf(actor, accessByOrg.get(p.orgId)!, ms);
    const mentorRow = ms.find((m) => m.side === 'mentor');
    const mentees = ms.filter((m) => m.side === 'mentee');
    for (const m of ms) if (nameVisible(rel, m) && !m.erased) shown.set(p.orgId, (shown.get(p.orgId) ?? new Set()).add(m.personId));
    const s = stats.get(p.id) ?? { n: 0, last: null };
    return {
      id: p.id,
      orgId: p.orgId,
      boardId: p.boardId,
      number: p.number,
      form: p.form,
      roleModel: p.roleModel,
      rhythmDays: p.rhythmDays,
      startedOn: p.startedOn,
      stage: p.stage,
      status: p.status,
      endedOn: p.endedOn,
      endReason: p.endReason,
      order: p.orderNumber && p.orderDate ? { number: p.orderNumber, date: p.orderDate } : null,
      mentor: mentorRow ? memberView(rel, mentorRow) : { personId: '', side: 'mentor', name: null, positionOrClass: null, userId: null },
      mentees: mentees.map((m) => memberView(rel, m)),
      meetingsHeld: s.n,
      lastMeetingOn: s.last,
      stalled: isStalled(p, s.last, today),
      mine: rel.mentor,
      consentWithdrawn: ms.some((m) => m.stopped || m.erased),
    } satisfies PairSummary;
  });
  if (!('system' in actor)) for (const [orgId, set] of shown) await logAccess(db, actor, orgId, [...set], view);
  return out;
}

// ---------------------------------------------------------------- creating pairs

/** The organisation's pairs board (the newest not archived), created «Пары наставничества» when it has none. */
async function pairsBoardOf(tx: Db, actor: Actor, orgId: string): Promise<string> {
  const [b] = await tx
    .select({ id: boards.id })
    .from(boards)
    .where(and(eq(boards.orgId, orgId), eq(boards.kind, 'pairs'), isNull(boards.archivedAt)))
    .orderBy(desc(boards.createdAt), desc(boards.id))
    .limit(1);
  if (b) return b.id;
  const board = await insertBoard(tx, actor, { orgId, kind: 'pairs', title: PAIRS_BOARD_TITLE, periodFrom: null, periodTo: null });
  return board.id;
}

type Created = { id: string; cardId: string; number: number; boardId: string; title: string };

/**
 * Inserts a validated pair inside the caller's transaction: takes the organisation's pairs
 * lock, checks every member from the database (consent, bank, already paired, the mentor's
 * capacity), numbers the pair, moves the bank entries to «in_pair» and audits `pair.created`.
 */
async function insertPair(tx: Db, actor: Actor, orgId: string, data: PairInputParsed, today: IsoDate): Promise<Created> {
  await lockOrgPairs(tx, orgId);
  const ids = [data.mentorId, ...data.menteeIds];
  // FOR SHARE: a withdrawal (which updates the person) waits for this pair to commit, and then flags it.
  const persons = await tx
    .select({ id: people.id, orgId: people.orgId, stoppedAt: people.processingStoppedAt, erasedAt: people.erasedAt })
    .from(people)
    .where(inArray(people.id, ids))
    .for('share');
  const cs = await tx.select().from(consents).where(and(inArray(consents.personId, ids), eq(consents.purpose, 'pd_processing')));
  const entries = await tx.select().from(bankEntries).where(and(inArray(bankEntries.personId, ids), eq(bankEntries.orgId, orgId)));
  for (const [i, personId] of ids.entries()) {
    const field = i === 0 ? 'mentorId' : 'menteeIds';
    const p = persons.find((x) => x.id === personId);
    if (!p || p.orgId !== orgId) throwProblem({ code: 'NOT_APPROVED_IN_BANK', field }, { personId });
    const problem = pairingProblem({ erased: p!.erasedAt !== null, processingStopped: p!.stoppedAt !== null, consentValid: mayProcess(cs.filter((c) => c.personId === personId), today) });
    if (problem) throwProblem({ ...problem, field }, { personId });
    const entry = entries.find((e) => e.personId === personId && e.bank === (i === 0 ? 'mentor' : 'mentee'));
    if (i === 0 && !(entry && (entry.status === 'approved' || entry.status === 'in_pair'))) throwProblem({ code: 'NOT_APPROVED_IN_BANK', field }, { personId });
    if (i > 0 && entry?.status === 'in_pair') throwProblem({ code: 'MENTEE_ALREADY_PAIRED', field }, { personId });
    if (i > 0 && entry?.status !== 'approved') throwProblem({ code: 'NOT_APPROVED_IN_BANK', field }, { personId });
  }
  const [paired] = await tx
    .select({ personId: pairMembers.personId })
    .from(pairMembers)
    .innerJoin(pairs, eq(pairs.id, pairMembers.pairId))
    .where(and(inArray(pairMembers.personId, data.menteeIds), eq(pairMembers.side, 'mentee'), eq(pairs.status, 'active')))
    .limit(1);
  if (paired) throwProblem({ code: 'MENTEE_ALREADY_PAIRED', field: 'menteeIds' }, { personId: paired.personId });
  const used = await menteesOfMentor(tx, data.mentorId);
  const mentorEntry = entries.find((e) => e.personId === data.mentorId && e.bank === 'mentor')!;
  const cap = capacityProblem(mentorEntry.capacity, used, data.menteeIds.length);
  if (cap) throwProblem(cap, { personId: data.mentorId, capacityLeft: capacityLeft(mentorEntry.capacity, used) });

  const boardId = await pairsBoardOf(tx, actor, orgId);
  const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${pairs.number}), 0) + 1` }).from(pairs).where(eq(pairs.orgId, orgId));
  const [pair] = await tx
    .insert(pairs)
    .values({ orgId, boardId, number: Number(next), form: data.form, roleModel: data.roleModel, rhythmDays: data.rhythmDays, startedOn: today, createdBy: actorId(actor) })
    .returning();
  await tx.insert(pairMembers).values([
    { pairId: pair.id, personId: data.mentorId, side: 'mentor' as const },
    ...data.menteeIds.map((personId) => ({ pairId: pair.id, personId, side: 'mentee' as const })),
  ]);
  await tx
    .update(bankEntries)
    .set({ status: 'in_pair' })
    .where(
      and(
        eq(bankEntries.orgId, orgId),
        or(and(eq(bankEntries.personId, data.mentorId), eq(bankEntries.bank, 'mentor')), and(inArray(bankEntries.personId, data.menteeIds), eq(bankEntries.bank, 'mentee'))),
      ),
    );
  await appendAudit(tx, {
    actorId: actorId(actor),
    orgId,
    boardId: null,
    type: 'pair.created',
    entityType: 'pair',
    entityId: pair.id,
    after: {
      number: pair.number,
      boardId,
      form: pair.form,
      roleModel: pair.roleModel,
      rhythmDays: pair.rhythmDays,
      startedOn: pair.startedOn,
      mentorId: data.mentorId,
      menteeIds: data.menteeIds,
      bankStatus: 'in_pair',
    },
  });
  return { id: pair.id, cardId: pair.id, number: pair.number, boardId, title: pairTitle(pair.number, data.menteeIds.length) };
}

/** Mentees in the mentor's active pairs. */
async function menteesOfMentor(tx: Db, mentorId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(pairMembers)
    .innerJoin(pairs, eq(pairs.id, pairMembers.pairId))
    .where(
      and(
        eq(pairs.status, 'active'),
        eq(pairMembers.side, 'mentee'),
        inArray(pairMembers.pairId, tx.select({ id: pairMembers.pairId }).from(pairMembers).where(and(eq(pairMembers.personId, mentorId), eq(pairMembers.side, 'mentor')))),
      ),
    );
  return Number(n);
}

/** The card ops after a commit: a failure is logged, not thrown (the pair is stored; reconciliation puts its card right when the board is next opened). */
async function writeCards(db: Db, boardId: string, actor: Actor, ops: PairCardOp[], ownersChanged = false) {
  const writer = boardWriterFor(db);
  try {
    if (ops.length) await writer.pairCards(boardId, actorId(actor), ops);
  } catch (err) {
    console.error(`[tropa] pair cards of board ${boardId} not written (reconciled when the board is next opened): ${(err as Error).message}`);
  }
  if (ownersChanged) writer.pairsChanged(boardId);
}

/**
 * Forms a pair or a group (POST /api/orgs/<orgId>/pairs): a curator or admin of the
 * organisation. Refusals (422, nothing saved): PAIR_CONSENT_REQUIRED, PROCESSING_STOPPED,
 * PERSON_ERASED, NOT_APPROVED_IN_BANK, MENTEE_ALREADY_PAIRED, MENTOR_OVER_CAPACITY,
 * UNPROCESSABLE. The card appears in «Встреча-знакомство» on the organisation's pairs board.
 */
export async function createPair(db: Db, actor: Actor | null, orgId: string, input: unknown, today: IsoDate = todayIso()): Promise<Created> {
  await editableOrg(db, actor, orgId);
  const data = parsePairsInput(PairInputSchema, input);
  const created = await db.transaction((tx) => insertPair(tx, actor!, orgId, data, today));
  await writeCards(db, created.boardId, actor!, [{ op: 'add', pairId: created.id, title: created.title, stage: 'intro' }], true);
  return created;
}

export type AcceptResult = { created: { id: string; cardId: string }[]; errors: { index: number; code: string; message: string; details?: Record<string, unknown> }[] };

/** Accepts several pairs at once (suggestions, as changed by the curator): each in its own transaction, refusals per index. */
export async function acceptSuggestions(db: Db, actor: Actor | null, orgId: string, input: unknown, today: IsoDate = todayIso()): Promise<AcceptResult> {
  await editableOrg(db, actor, orgId);
  const { pairs: list } = parsePairsInput(AcceptInputSchema, input);
  const result: AcceptResult = { created: [], errors: [] };
  const byBoard = new Map<string, PairCardOp[]>();
  for (const [index, item] of list.entries()) {
    try {
      const data = parsePairsInput(PairInputSchema, item);
      const c = await db.transaction((tx) => insertPair(tx, actor!, orgId, data, today));
      result.created.push({ id: c.id, cardId: c.cardId });
      byBoard.set(c.boardId, [...(byBoard.get(c.boardId) ?? []), { op: 'add', pairId: c.id, title: c.title, stage: 'intro' }]);
    } catch (err) {
      if (!isAppError(err)) throw err;
      const { fields, ...rest } = err.details ?? {};
      result.errors.push({ index, code: err.code, message: err.message, details: { fields, ...rest } });
    }
  }
  for (const [boardId, ops] of byBoard) await writeCards(db, boardId, actor!, ops, true);
  return result;
}

// ---------------------------------------------------------------- reads

/** The organisation's pairs (GET /api/orgs/<orgId>/pairs?status=&stage=&mentorId=&form=), names per the rules. */
export async function listPairs(db: Db, principal: Principal | null, orgId: string, query: unknown = {}, today: IsoDate = todayIso()): Promise<PairSummary[]> {
  await orgPairsContext(db, principal, orgId);
  const q = parsePairsInput(PairsQuerySchema, query ?? {});
  const conds: SQL[] = [eq(pairs.orgId, orgId)];
  if (q.status) conds.push(eq(pairs.status, q.status));
  if (q.stage) conds.push(eq(pairs.stage, q.stage));
  if (q.form) conds.push(eq(pairs.form, q.form));
  if (q.mentorId) conds.push(inArray(pairs.id, db.select({ id: pairMembers.pairId }).from(pairMembers).where(and(eq(pairMembers.personId, q.mentorId), eq(pairMembers.side, 'mentor')))));
  const rows = await db.select().from(pairs).where(and(...conds)).orderBy(asc(pairs.number));
  return summarise(db, principal!, rows, today, 'pairs.list');
}

/** The pairs of a pairs board's cards (GET /api/boards/<id>/pairs): one request for every card's face. */
export async function pairsForBoard(db: Db, principal: Principal | null, boardId: string, today: IsoDate = todayIso()): Promise<PairSummary[]> {
  const board = await getBoardFor(db, principal, boardId, 'board.read');
  if (board.kind !== 'pairs') return [];
  const rows = await db.select().from(pairs).where(eq(pairs.boardId, board.id)).orderBy(asc(pairs.number));
  return summarise(db, principal!, rows, today, 'pairs.board');
}

export type SurveyListItem = { id: string; template: string; personId: string; round: string | null; source: string; submittedAt: string };

export type PairDetail = {
  pair: PairSummary;
  meetings: MeetingRecord[];
  goals: Goal[];
  surveys: SurveyListItem[];
  /** what the caller may do with the pair (the UI shows only these) */
  may: { record: boolean; end: boolean; setGoals: boolean; rate: boolean; setOrder: boolean };
  /** the caller's own person in the pair when it is one of its mentees (it rates as that person) */
  asMenteePersonId: string | null;
};

async function meetingRecords(db: Db, pairId: string, rel: Relation, members: readonly MemberRow[]): Promise<MeetingRecord[]> {
  const rows = await db
    .select({ m: meetings, recorder: users.name })
    .from(meetings)
    .leftJoin(users, eq(users.id, meetings.recordedBy))
    .where(eq(meetings.pairId, pairId))
    .orderBy(asc(meetings.heldOn), asc(meetings.createdAt), asc(meetings.id));
  const fb = rows.length
    ? await db
        .select()
        .from(meetingFeedback)
        .where(inArray(meetingFeedback.meetingId, db.select({ id: meetings.id }).from(meetings).where(eq(meetings.pairId, pairId))))
        .orderBy(asc(meetingFeedback.at))
    : [];
  const full = rel.system || mayReadPeople(rel.access) || rel.mentor;
  const mentorUser = members.find((m) => m.side === 'mentor')?.userId ?? null;
  return rows.map(({ m, recorder }) => ({
    id: m.id,
    pairId: m.pairId,
    kind: m.kind,
    heldOn: m.heldOn,
    format: m.format,
    summary: m.summary,
    nextSteps: m.nextSteps,
    // The mentor's own rating is for the mentor and the curator; a mentee sees its own.
    mentorRating: full ? m.mentorRating : null,
    reason: m.reason,
    recordedBy: full || m.recordedBy === mentorUser ? m.recordedBy : null,
    recordedByName: full || (m.recordedBy !== null && m.recordedBy === mentorUser) ? recorder : null,
    feedback: fb
      .filter((f) => f.meetingId === m.id && (full || f.personId === rel.menteePersonId))
      .map((f) => ({ personId: f.personId, rating: f.rating, comment: f.comment, at: f.at.toISOString() })),
    createdAt: m.createdAt.toISOString(),
  }));
}

async function goalsOf(db: Db, pairId: string): Promise<Goal[]> {
  const rows = await db.select().from(pairGoals).where(eq(pairGoals.pairId, pairId)).orderBy(asc(pairGoals.position), asc(pairGoals.id));
  return rows.map((g) => ({ id: g.id, text: g.text, reached: g.reached }));
}

/** A pair with its meetings, goals and surveys (GET /api/pairs/<id>): for its organisation's staff and its own members. */
export async function getPair(db: Db, principal: Principal | null, pairId: string, today: IsoDate = todayIso()): Promise<PairDetail> {
  const ctx = await pairContext(db, principal, pairId);
  const { rel, pair } = ctx;
  if (!mayReadPeople(rel.access) && !rel.mentor && !rel.menteePersonId) throw new AppError('FORBIDDEN', 'a pair is shown to its organisation’s staff and its own members');
  const [summary] = await summarise(db, principal!, [pair], today, 'pair.card');
  const surveys = await db
    .select({ id: surveyResponses.id, template: surveyResponses.template, personId: surveyResponses.personId, round: surveyResponses.round, source: surveyResponses.source, at: surveyResponses.submittedAt })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.pairId, pair.id), mayReadPeople(rel.access) || rel.mentor ? undefined : eq(surveyResponses.personId, rel.menteePersonId ?? '')))
    .orderBy(asc(surveyResponses.submittedAt));
  const active = pair.status === 'active';
  return {
    pair: summary,
    meetings: await meetingRecords(db, pair.id, rel, ctx.members),
    goals: await goalsOf(db, pair.id),
    surveys: surveys.map(({ at, ...s }) => ({ ...s, submittedAt: at.toISOString() })),
    may: { record: active && mayRecord(rel), end: active && mayRecord(rel), setGoals: active && mayRecord(rel), rate: rel.menteePersonId !== null, setOrder: mayEditPeople(rel.access) },
    asMenteePersonId: rel.menteePersonId,
  };
}

export type MenteePairView = {
  pair: PairSummary;
  /** the caller's own person in the pair */
  personId: string;
  /** the mentor's contacts (none once its processing stopped) */
  mentorContacts: { email: string | null; phone: string | null } | null;
  meetings: MeetingRecord[];
  goals: Goal[];
  /** the caller's own answers in this pair (a survey is offered at the final meeting, once) */
  surveys: { template: string; submittedAt: string }[];
};

/** «Моя пара» (GET /api/me/pairs): the pairs the caller's account is a member of, as a mentee and as a mentor. */
export async function myPairs(db: Db, principal: Principal | null, today: IsoDate = todayIso()): Promise<{ asMentee: MenteePairView[]; asMentor: PairSummary[] }> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const memberships = await db
    .select({ pairId: pairMembers.pairId, personId: pairMembers.personId, side: pairMembers.side })
    .from(pairMembers)
    .innerJoin(people, eq(people.id, pairMembers.personId))
    .where(and(eq(people.userId, principal.id), isNull(people.erasedAt)));
  if (memberships.length === 0) return { asMentee: [], asMentor: [] };
  const rows = await db
    .select()
    .from(pairs)
    .where(inArray(pairs.id, [...new Set(memberships.map((m) => m.pairId))]))
    .orderBy(sql`${pairs.status} = 'active' desc`, desc(pairs.startedOn), asc(pairs.number));
  const summaries = await summarise(db, principal, rows, today, 'pairs.mine');
  const asMentor = summaries.filter((s) => memberships.some((m) => m.pairId === s.id && m.side === 'mentor'));
  const asMentee: MenteePairView[] = [];
  for (const s of summaries) {
    const mine = memberships.find((m) => m.pairId === s.id && m.side === 'mentee');
    if (!mine) continue;
    const members = await membersOf(db, [s.id]);
    const rel = relationOf(principal, 'none', members);
    const mentor = members.find((m) => m.side === 'mentor');
    asMentee.push({
      pair: s,
      personId: mine.personId,
      mentorContacts: mentor && !mentor.stopped && !mentor.erased ? { email: mentor.email, phone: mentor.phone } : null,
      meetings: await meetingRecords(db, s.id, rel, members),
      goals: await goalsOf(db, s.id),
      surveys: (
        await db
          .select({ template: surveyResponses.template, at: surveyResponses.submittedAt })
          .from(surveyResponses)
          .where(and(eq(surveyResponses.pairId, s.id), eq(surveyResponses.personId, mine.personId)))
          .orderBy(asc(surveyResponses.submittedAt))
      ).map((r) => ({ template: r.template, submittedAt: r.at.toISOString() })),
    });
  }
  return { asMentee, asMentor };
}

// ---------------------------------------------------------------- meetings, stages, the end

async function lockPair(tx: Db, pairId: string): Promise<PairRow> {
  const [pair] = await tx.select().from(pairs).where(eq(pairs.id, pairId)).for('update');
  if (!pair) throw new AppError('NOT_FOUND', 'pair not found');
  return pair;
}

async function refuseWithdrawn(tx: Db, pairId: string) {
  const [flagged] = await tx
    .select({ personId: people.id })
    .from(pairMembers)
    .innerJoin(people, eq(people.id, pairMembers.personId))
    .where(and(eq(pairMembers.pairId, pairId), or(sql`${people.processingStoppedAt} is not null`, sql`${people.erasedAt} is not null`)))
    .limit(1);
  if (flagged) throwProblem({ code: 'PAIR_CONSENT_WITHDRAWN' }, { personId: flagged.personId });
}

/**
 * Records a meeting (POST /api/pairs/<id>/meetings): the pair's mentor or a curator/admin of
 * its organisation. The pair's row is locked for the transaction, so two recorders at once
 * each get their meeting saved and the stage moves once. A meeting of a later stage moves the
 * card there (past a column: with a reason); встреча-планирование saves the plan's goals, the
 * итоговая marks them.
 */
export async function recordMeeting(db: Db, actor: Actor | null, pairId: string, input: unknown, today: IsoDate = todayIso()): Promise<{ id: string; stage: PairStage; moved: boolean }> {
  const ctx = await pairContext(db, actor, pairId);
  requireRecorder(ctx);
  const data = parsePairsInput(MeetingInputSchema, input);
  const result = await db.transaction(async (tx) => {
    const pair = await lockPair(tx, pairId);
    if (pair.status !== 'active') throwProblem({ code: 'PAIR_NOT_ACTIVE' });
    await refuseWithdrawn(tx, pairId);
    const held = (await tx.select({ kind: meetings.kind }).from(meetings).where(eq(meetings.pairId, pairId))).map((r) => r.kind as MeetingKind);
    const plan = planMeeting(pair.stage, data.kind, held);
    if (isProblem(plan)) return throwProblem(plan);
    const problem = meetingProblem(data, { today, startedOn: pair.startedOn, plan });
    if (problem) throwProblem(problem);
    const goals = data.kind === 'final' ? await tx.select({ id: pairGoals.id }).from(pairGoals).where(eq(pairGoals.pairId, pairId)) : [];
    if (data.goalsReached.some((g) => !goals.some((x) => x.id === g.id))) throw unprocessable(['goalsReached']);
    const [meeting] = await tx
      .insert(meetings)
      .values({
        pairId,
        kind: data.kind,
        heldOn: data.heldOn,
        format: data.format,
        summary: data.summary,
        nextSteps: data.nextSteps,
        mentorRating: data.rating,
        reason: data.reason,
        recordedBy: actorId(actor!),
      })
      .returning();
    if (plan.move) await tx.update(pairs).set({ stage: plan.to }).where(eq(pairs.id, pairId));
    const audits: Parameters<typeof appendOrgAuditBatch>[2] = [
      {
        actorId: actorId(actor!),
        type: 'meeting.recorded',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          pairId,
          kind: meeting.kind,
          heldOn: meeting.heldOn,
          format: meeting.format,
          rating: meeting.mentorRating,
          // free text is not put in the audit in clear: only its length
          summary: meeting.summary?.length ?? 0,
          nextSteps: meeting.nextSteps?.length ?? 0,
          reason: meeting.reason?.length ?? 0,
          stage: { before: pair.stage, after: plan.to },
          skipped: plan.skipped,
        },
      },
    ];
    if (data.kind === 'planning' && data.goals.length > 0) {
      await tx.delete(pairGoals).where(eq(pairGoals.pairId, pairId));
      const inserted = await tx
        .insert(pairGoals)
        .values(data.goals.map((g, position) => ({ pairId, position, text: g.text })))
        .returning({ id: pairGoals.id });
      audits.push({ actorId: actorId(actor!), type: 'pair.goals_set', entityType: 'pair', entityId: pairId, after: { meetingId: meeting.id, goals: inserted.map((g) => g.id) } });
    }
    if (data.goalsReached.length > 0) {
      for (const g of data.goalsReached) await tx.update(pairGoals).set({ reached: g.reached }).where(and(eq(pairGoals.id, g.id), eq(pairGoals.pairId, pairId)));
      audits.push({ actorId: actorId(actor!), type: 'pair.goals_marked', entityType: 'pair', entityId: pairId, after: { meetingId: meeting.id, goals: data.goalsReached } });
    }
    await appendOrgAuditBatch(tx, pair.orgId, audits);
    return { id: meeting.id, stage: plan.to, moved: plan.move, boardId: pair.boardId };
  });
  if (result.moved) await writeCards(db, result.boardId, actor!, [{ op: 'move', pairId, stage: result.stage, reason: data.reason }]);
  return { id: result.id, stage: result.stage, moved: result.moved };
}

/** Moves a pair to another stage without a meeting (POST /api/pairs/<id>/stage): back, or on past a stage, always with a reason. */
export async function setStage(db: Db, actor: Actor | null, pairId: string, input: unknown): Promise<{ stage: PairStage; moved: boolean }> {
  const ctx = await pairContext(db, actor, pairId);
  requireRecorder(ctx);
  const data = parsePairsInput(StageInputSchema, input);
  const result = await db.transaction(async (tx) => {
    const pair = await lockPair(tx, pairId);
    if (pair.status !== 'active') throwProblem({ code: 'PAIR_NOT_ACTIVE' });
    const plan = planStageChange(pair.stage, data.stage, data.reason);
    if (plan === null) return { stage: pair.stage, moved: false, boardId: pair.boardId };
    if (isProblem(plan)) return throwProblem(plan);
    await tx.update(pairs).set({ stage: data.stage }).where(eq(pairs.id, pairId));
    await appendAudit(tx, {
      actorId: actorId(actor!),
      orgId: pair.orgId,
      boardId: null,
      type: 'pair.stage_set',
      entityType: 'pair',
      entityId: pairId,
      before: { stage: pair.stage },
      after: { stage: data.stage, backwards: plan.backwards, reason: data.reason?.length ?? 0 },
    });
    return { stage: data.stage, moved: true, boardId: pair.boardId };
  });
  if (result.moved) await writeCards(db, result.boardId, actor!, [{ op: 'move', pairId, stage: result.stage, reason: data.reason }]);
  return { stage: result.stage, moved: result.moved };
}

/**
 * Ends a pair (POST /api/pairs/<id>/end): completed after its final meeting, or terminated
 * early with a reason. The card goes to «Завершено»; its people go back to the banks' waiting
 * lists (approved; a candidate when its consent is no longer in force; a mentor only when it
 * has no other active pair).
 */
export async function endPair(db: Db, actor: Actor | null, pairId: string, input: unknown, today: IsoDate = todayIso()): Promise<{ status: 'completed' | 'terminated' }> {
  const ctx = await pairContext(db, actor, pairId);
  requireRecorder(ctx);
  const data = parsePairsInput(EndInputSchema, input);
  const endedOn = data.endedOn ?? today;
  const result = await db.transaction(async (tx) => {
    const pair = await lockPair(tx, pairId);
    const ms = await tx.select({ kind: meetings.kind, heldOn: meetings.heldOn }).from(meetings).where(eq(meetings.pairId, pairId));
    const lastMeetingOn = ms.reduce<IsoDate | null>((a, m) => (a === null || m.heldOn > a ? m.heldOn : a), null);
    const problem = endProblem(
      { outcome: data.outcome, endedOn, reason: data.reason },
      { status: pair.status, today, startedOn: pair.startedOn, finalHeld: ms.some((m) => m.kind === 'final'), lastMeetingOn },
    );
    if (problem) throwProblem(problem);
    await lockOrgPairs(tx, pair.orgId);
    await tx.update(pairs).set({ status: data.outcome, stage: 'done', endedOn, endReason: data.reason }).where(eq(pairs.id, pairId));
    const members = await tx.select({ personId: pairMembers.personId, side: pairMembers.side }).from(pairMembers).where(eq(pairMembers.pairId, pairId));
    const returned: string[] = [];
    for (const m of members) {
      if (m.side === 'mentor' && (await menteesOfMentor(tx, m.personId)) > 0) continue; // still in another active pair
      const cs = await tx.select().from(consents).where(and(eq(consents.personId, m.personId), eq(consents.purpose, 'pd_processing')));
      const back = await tx
        .update(bankEntries)
        .set({ status: mayProcess(cs, today) ? 'approved' : 'candidate' })
        .where(and(eq(bankEntries.personId, m.personId), eq(bankEntries.bank, m.side), eq(bankEntries.orgId, pair.orgId), eq(bankEntries.status, 'in_pair')))
        .returning({ personId: bankEntries.personId });
      returned.push(...back.map((b) => b.personId));
    }
    await appendAudit(tx, {
      actorId: actorId(actor!),
      orgId: pair.orgId,
      boardId: null,
      type: 'pair.ended',
      entityType: 'pair',
      entityId: pairId,
      before: { stage: pair.stage, status: pair.status },
      after: { status: data.outcome, endedOn, reason: data.reason?.length ?? 0, returnedToBank: returned },
    });
    return { boardId: pair.boardId };
  });
  await writeCards(db, result.boardId, actor!, [{ op: 'move', pairId, stage: 'done', reason: data.reason }]);
  return { status: data.outcome };
}

/** A mentee rates a meeting of its own pair (POST /api/meetings/<id>/feedback): 1–10 and a comment, once per meeting (again: replaces). */
export async function rateMeeting(db: Db, actor: Actor | null, meetingId: string, input: unknown, opts: { personId?: string } = {}): Promise<{ rating: number }> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const [m] = UUID.test(meetingId) ? await db.select({ pairId: meetings.pairId }).from(meetings).where(eq(meetings.id, meetingId)) : [];
  if (!m) throw new AppError('NOT_FOUND', 'meeting not found');
  const ctx = await pairContext(db, actor, m.pairId);
  const personId = ctx.rel.system ? opts.personId : ctx.rel.menteePersonId;
  const me = ctx.members.find((x) => x.side === 'mentee' && x.personId === personId);
  if (!me) throw new AppError('FORBIDDEN', 'a meeting is rated by a mentee of its pair');
  const data = parsePairsInput(FeedbackInputSchema, input);
  const r = ratingProblem(data.rating, true);
  if (r) throwProblem(r);
  if (me.erased) throwProblem({ code: 'PERSON_ERASED' });
  if (me.stopped) throwProblem({ code: 'PROCESSING_STOPPED' });
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ rating: meetingFeedback.rating })
      .from(meetingFeedback)
      .where(and(eq(meetingFeedback.meetingId, meetingId), eq(meetingFeedback.personId, me.personId)));
    await tx
      .insert(meetingFeedback)
      .values({ meetingId, personId: me.personId, rating: data.rating!, comment: data.comment })
      .onConflictDoUpdate({ target: [meetingFeedback.meetingId, meetingFeedback.personId], set: { rating: data.rating!, comment: data.comment, at: new Date() } });
    await appendAudit(tx, {
      actorId: actorId(actor),
      orgId: ctx.pair.orgId,
      boardId: null,
      type: 'meeting.rated',
      entityType: 'meeting',
      entityId: meetingId,
      before: before ? { rating: before.rating } : null,
      after: { pairId: ctx.pair.id, personId: me.personId, rating: data.rating, comment: data.comment?.length ?? 0 },
    });
  });
  return { rating: data.rating! };
}

/** Replaces the goals of a pair's plan (kept: the goals named by id, with their marks). */
export async function setGoals(db: Db, actor: Actor | null, pairId: string, input: unknown): Promise<Goal[]> {
  const ctx = await pairContext(db, actor, pairId);
  requireRecorder(ctx);
  const data = parsePairsInput(GoalsInputSchema, input);
  await db.transaction(async (tx) => {
    const pair = await lockPair(tx, pairId);
    if (pair.status !== 'active') throwProblem({ code: 'PAIR_NOT_ACTIVE' });
    await refuseWithdrawn(tx, pairId);
    const old = await tx.select({ id: pairGoals.id }).from(pairGoals).where(eq(pairGoals.pairId, pairId));
    const keep = new Set(data.goals.flatMap((g) => (g.id ? [g.id] : [])));
    if ([...keep].some((id) => !old.some((o) => o.id === id))) throw unprocessable(['goals']);
    const gone = old.filter((o) => !keep.has(o.id)).map((o) => o.id);
    if (gone.length) await tx.delete(pairGoals).where(inArray(pairGoals.id, gone));
    const ids: string[] = [];
    for (const [position, g] of data.goals.entries()) {
      if (g.id) {
        await tx.update(pairGoals).set({ text: g.text, position }).where(eq(pairGoals.id, g.id));
        ids.push(g.id);
      } else {
        const [row] = await tx.insert(pairGoals).values({ pairId, position, text: g.text }).returning({ id: pairGoals.id });
        ids.push(row.id);
      }
    }
    await appendAudit(tx, { actorId: actorId(actor!), orgId: pair.orgId, boardId: null, type: 'pair.goals_set', entityType: 'pair', entityId: pairId, after: { goals: ids, removed: gone } });
  });
  return goalsOf(db, pairId);
}

/** Keeps the number and date of «Приказ о закреплении наставнических пар (групп)» on the listed pairs of the organisation. */
export async function setOrder(db: Db, actor: Actor | null, orgId: string, input: unknown): Promise<{ updated: number }> {
  await editableOrg(db, actor, orgId);
  const data = parsePairsInput(OrderInputSchema, input);
  return db.transaction(async (tx) => {
    const found = await tx.select({ id: pairs.id, orderNumber: pairs.orderNumber, orderDate: pairs.orderDate }).from(pairs).where(and(eq(pairs.orgId, orgId), inArray(pairs.id, data.pairIds)));
    if (found.length !== data.pairIds.length) throw unprocessable(['pairIds']);
    await tx.update(pairs).set({ orderNumber: data.number, orderDate: data.date }).where(and(eq(pairs.orgId, orgId), inArray(pairs.id, data.pairIds)));
    await appendOrgAuditBatch(
      tx,
      orgId,
      found.map((p) => ({
        actorId: actorId(actor!),
        type: 'pair.order_set',
        entityType: 'pair',
        entityId: p.id,
        before: p.orderNumber ? { number: p.orderNumber, date: p.orderDate } : null,
        after: { number: data.number, date: data.date },
      })),
    );
    return { updated: found.length };
  });
}

// ---------------------------------------------------------------- preferences and matching

export type PreferenceList = { personId: string; preferred: string[] };

/** Whom a person would prefer, ranked (PUT /api/orgs/<orgId>/preferences): entered by the curator after a group meeting. */
export async function setPreferences(db: Db, actor: Actor | null, orgId: string, input: unknown): Promise<PreferenceList> {
  await editableOrg(db, actor, orgId);
  const data = parsePairsInput(PreferencesInputSchema, input);
  return db.transaction(async (tx) => {
    const ids = [data.personId, ...data.preferred];
    const inBank = await tx
      .selectDistinct({ id: people.id, erasedAt: people.erasedAt })
      .from(people)
      .innerJoin(bankEntries, eq(bankEntries.personId, people.id))
      .where(and(inArray(people.id, ids), eq(people.orgId, orgId)));
    const ok = (id: string) => inBank.some((p) => p.id === id && p.erasedAt === null);
    if (!ok(data.personId)) throw unprocessable(['personId']);
    if (!data.preferred.every(ok)) throw unprocessable(['preferred']);
    const before = await tx.select({ preferredId: preferences.preferredId }).from(preferences).where(eq(preferences.personId, data.personId)).orderBy(asc(preferences.rank));
    await tx.delete(preferences).where(eq(preferences.personId, data.personId));
    if (data.preferred.length) await tx.insert(preferences).values(data.preferred.map((preferredId, i) => ({ orgId, personId: data.personId, preferredId, rank: i + 1 })));
    await appendAudit(tx, {
      actorId: actorId(actor!),
      orgId,
      boardId: null,
      type: 'preferences.set',
      entityType: 'person',
      entityId: data.personId,
      before: { preferred: before.map((b) => b.preferredId) },
      after: { preferred: data.preferred },
    });
    return { personId: data.personId, preferred: data.preferred };
  });
}

/** Every preference list of the organisation (GET /api/orgs/<orgId>/preferences): for those who may read its people. */
export async function listPreferences(db: Db, principal: Principal | null, orgId: string): Promise<PreferenceList[]> {
  const ctx = await orgPairsContext(db, principal, orgId);
  if (!mayReadPeople(ctx.access)) throw new AppError('FORBIDDEN');
  const rows = await db.select().from(preferences).where(eq(preferences.orgId, orgId)).orderBy(asc(preferences.personId), asc(preferences.rank));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.preferredId]);
  return [...out].map(([personId, preferred]) => ({ personId, preferred }));
}

// Raw text[] as postgres.js and PGlite may hand it: an array, or its literal.
const arrayOf = (v: string[] | string | null): string[] => {
  if (Array.isArray(v)) return v;
  if (!v || v === '{}') return [];
  return v
    .slice(1, -1)
    .match(/("([^"\\]|\\.)*"|[^,]+)/g)!
    .map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
};

/**
 * Who is waiting in the organisation's banks, for lib/matching (no names): approved mentors
 * (also those already in a pair) with the mentees they can still take, approved mentees not in
 * an active pair, each with its consent verdict (lib/pairs pairingProblem: processing consent in
 * force, processing not stopped, not erased), and the preferences entered.
 */
export async function loadMatchingInput(db: Db, orgId: string, today: IsoDate = todayIso()): Promise<MatchingInput> {
  const entries = await db
    .select({
      personId: bankEntries.personId,
      bank: bankEntries.bank,
      forms: bankEntries.forms,
      tags: bankEntries.tags,
      capacity: bankEntries.capacity,
      stoppedAt: people.processingStoppedAt,
      erasedAt: people.erasedAt,
    })
    .from(bankEntries)
    .innerJoin(people, eq(people.id, bankEntries.personId))
    .where(
      and(
        eq(bankEntries.orgId, orgId),
        or(and(eq(bankEntries.bank, 'mentor'), inArray(bankEntries.status, ['approved', 'in_pair'])), and(eq(bankEntries.bank, 'mentee'), eq(bankEntries.status, 'approved'))),
      ),
    );
  const [paired, load, cs, prefs] = await Promise.all([
    db
      .select({ personId: pairMembers.personId })
      .from(pairMembers)
      .innerJoin(pairs, eq(pairs.id, pairMembers.pairId))
      .where(and(eq(pairs.orgId, orgId), eq(pairs.status, 'active'), eq(pairMembers.side, 'mentee'))),
    db.execute(sql`select mm.person_id as mentor, count(me.person_id)::int as n
      from pair_members mm join pairs p on p.id = mm.pair_id and p.status = 'active' and p.org_id = ${orgId}
      join pair_members me on me.pair_id = p.id and me.side = 'mentee'
      where mm.side = 'mentor' group by mm.person_id`),
    db
      .select({ personId: consents.personId, purpose: consents.purpose, signer: consents.signer, signedOn: consents.signedOn, validUntil: consents.validUntil, withdrawnOn: consents.withdrawnOn })
      .from(consents)
      .where(and(eq(consents.purpose, 'pd_processing'), inArray(consents.personId, db.select({ id: bankEntries.personId }).from(bankEntries).where(eq(bankEntries.orgId, orgId))))),
    db
      .select({ personId: preferences.personId, preferredId: preferences.preferredId, rank: preferences.rank })
      .from(preferences)
      .where(eq(preferences.orgId, orgId))
      .orderBy(asc(preferences.personId), asc(preferences.rank)),
  ]);
  const loadRows = (Array.isArray(load) ? load : ((load as { rows?: unknown[] }).rows ?? [])) as { mentor: string; n: number | string }[];
  const used = new Map(loadRows.map((r) => [r.mentor, Number(r.n)]));
  const inPair = new Set(paired.map((p) => p.personId));
  const consentsOf = new Map<string, typeof cs>();
  for (const c of cs) consentsOf.set(c.personId, [...(consentsOf.get(c.personId) ?? []), c]);
  const valid = (e: (typeof entries)[number]) =>
    pairingProblem({ erased: e.erasedAt !== null, processingStopped: e.stoppedAt !== null, consentValid: mayProcess(consentsOf.get(e.personId) ?? [], today) }) === null;
  return {
    mentors: entries
      .filter((e) => e.bank === 'mentor')
      .map((e) => ({ personId: e.personId, forms: arrayOf(e.forms), tags: arrayOf(e.tags), capacityLeft: capacityLeft(e.capacity, used.get(e.personId) ?? 0), consentValid: valid(e) })),
    mentees: entries.filter((e) => e.bank === 'mentee' && !inPair.has(e.personId)).map((e) => ({ personId: e.personId, forms: arrayOf(e.forms), tags: arrayOf(e.tags), consentValid: valid(e) })),
    preferences: prefs,
  };
}

export type NamedSuggestion = Suggestion & { mentorName: string | null; menteeName: string | null };
export type Suggestions = {
  suggestions: NamedSuggestion[];
  unmatched: (MatchingResult['unmatched'][number] & { menteeName: string | null })[];
  excludedMentors: (MatchingResult['excludedMentors'][number] & { mentorName: string | null })[];
};

/** The names of the organisation's people, for those who may read them (and logged as shown). */
async function namesOf(db: Db, principal: Principal, orgId: string, ids: readonly string[], view: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .select({ id: people.id, name: people.fullName, erasedAt: people.erasedAt })
      .from(people)
      .where(and(eq(people.orgId, orgId), inArray(people.id, unique.slice(i, i + 500))));
    for (const r of rows) out.set(r.id, r.name);
    await logAccess(db, principal, orgId, rows.filter((r) => r.erasedAt === null).map((r) => r.id), view);
  }
  return out;
}

/**
 * Suggested pairs for everyone waiting in the organisation's banks (GET /api/orgs/<orgId>/pairs/suggestions):
 * lib/matching's globally optimal assignment over loadMatchingInput, each with its reasons in words and the
 * names (for the organisation's curator, admin and head, who alone may ask; logged).
 */
export async function suggestPairs(db: Db, principal: Principal | null, orgId: string, today: IsoDate = todayIso()): Promise<Suggestions> {
  const ctx = await orgPairsContext(db, principal, orgId);
  if (!mayReadPeople(ctx.access)) throw new AppError('FORBIDDEN');
  const result = suggest(await loadMatchingInput(db, orgId, today));
  const names = await namesOf(
    db,
    principal!,
    orgId,
    [...result.suggestions.flatMap((s) => [s.mentorId, s.menteeId]), ...result.unmatched.map((u) => u.menteeId), ...result.excludedMentors.map((m) => m.mentorId)],
    'pairs.suggestions',
  );
  const name = (id: string) => names.get(id) ?? null;
  return {
    suggestions: result.suggestions.map((s) => ({ ...s, mentorName: name(s.mentorId), menteeName: name(s.menteeId) })),
    unmatched: result.unmatched.map((u) => ({ ...u, menteeName: name(u.menteeId) })),
    excludedMentors: result.excludedMentors.map((m) => ({ ...m, mentorName: name(m.mentorId) })),
  };
}

/**
 * One pair the curator picks by hand instead of a suggestion (GET …/pairs/suggestions?mentorId=&menteeId=): its
 * form, score and reasons as suggestPairs would give them, or null when the two cannot be paired (no consent,
 * no shared form, not waiting).
 */
export async function describeCandidatePair(db: Db, principal: Principal | null, orgId: string, mentorId: string, menteeId: string, today: IsoDate = todayIso()): Promise<NamedSuggestion | null> {
  const ctx = await orgPairsContext(db, principal, orgId);
  if (!mayReadPeople(ctx.access)) throw new AppError('FORBIDDEN');
  if (!UUID.test(mentorId) || !UUID.test(menteeId)) throw unprocessable([!UUID.test(mentorId) ? 'mentorId' : 'menteeIds']);
  const s = describePair(await loadMatchingInput(db, orgId, today), mentorId, menteeId);
  if (!s) return null;
  const names = await namesOf(db, principal!, orgId, [mentorId, menteeId], 'pairs.suggestions');
  return { ...s, mentorName: names.get(mentorId) ?? null, menteeName: names.get(menteeId) ?? null };
}
