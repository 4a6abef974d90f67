import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { can, type Principal } from '../../lib/permissions';
import { parseInput } from '../../lib/validation';
import { presentAudit } from '../../server/realtime/feed';
import type { Db } from '../client';
import { execRows } from '../rows';
import { auditEvents, boards, type AuditEvent } from '../schema';
import { anyOf } from './any-of';
import { TYPE_FILTER, typeCondition } from './audit';
import type { HistoryEvent } from '../../lib/history/sentence';
import { collectNames, type HistoryNames } from './org-audit-names';
import { openPersonalValues } from './org-audit-pd';
import { orgPath } from './organisations';
import { logAccess } from './people';

export type { HistoryNames } from './org-audit-names';

/*
 * The organisation's history (issue 15): every audit row of an organisation and of those
 * below it — its boards' edits and the rows outside boards (banks, consents, pairs, roles) —
 * newest first, paged by keyset on the row id (never OFFSET: a page deep in a million rows
 * costs what the first one does). Read with 'audit.read' on the organisation (head, curator).
 * Personal values in the rows follow DESIGN.md "Personal data" (db/queries/org-audit-pd.ts).
 */

/** An audit row as the history shows it (the board audit's shape, plus where it happened): lib/history/sentence.ts. */
export type { HistoryEvent } from '../../lib/history/sentence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Id = z.string().regex(UUID);
const isoTime = z.iso.datetime({ offset: true });

export const OrgAuditQuery = z.object({
  type: z.string().regex(TYPE_FILTER).optional(),
  actorId: Id.optional(),
  boardId: Id.optional(),
  cardId: z.string().min(1).max(100).optional(),
  org: Id.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  before: z.coerce.number().int().positive().optional(), // paging: rows older than this id (`next` of the previous page)
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type OrgAuditQuery = z.infer<typeof OrgAuditQuery>;

/** A URL's `?type=&actorId=` sends empty values for unset filters: they mean no filter. */
function withoutEmpty(query: unknown): unknown {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return query;
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

export type OrgInScope = { id: string; name: string; parentId: string | null; path: string[] };
/** The organisation whose history is read, and every organisation below it with its path from the root. */
export type OrgAuditScope = { principal: Principal; orgId: string; orgs: Map<string, OrgInScope> };

/**
 * Fetch-or-throw for the history of `orgId`: NOT_FOUND when there is no such organisation or
 * the principal may not see it (a sibling school, an organisation above), FORBIDDEN when it
 * may see it but not read its audit (member, mentor, mentee, viewer, admin).
 */
export async function orgAuditScope(db: Db, principal: Principal | null, orgId: string): Promise<OrgAuditScope> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const path = UUID.test(orgId) ? await orgPath(db, orgId) : [];
  if (path.length === 0 || !can(principal, 'org.read', { type: 'org', orgPath: path })) throw new AppError('NOT_FOUND', 'organisation not found');
  if (!can(principal, 'audit.read', { type: 'org', orgPath: path })) throw new AppError('FORBIDDEN');
  const rows = await execRows<{ id: string; parent_id: string | null; name: string }>(db, sql`
    with recursive down(id, parent_id, name, depth) as (
      select id, parent_id, name, 0 from organisations where id = ${orgId}
      union all
      select o.id, o.parent_id, o.name, down.depth + 1 from organisations o join down on o.parent_id = down.id where down.depth < 16
    )
    select id, parent_id, name from down order by depth`);
  const orgs = new Map<string, OrgInScope>();
  for (const r of rows) {
    const parent = r.parent_id ? orgs.get(r.parent_id) : undefined;
    orgs.set(r.id, { id: r.id, name: r.name, parentId: r.parent_id, path: r.id === orgId ? path : [...(parent?.path ?? path), r.id] });
  }
  return { principal, orgId, orgs };
}

/** The organisations below `root` in the scope, itself included. */
function subtreeOf(scope: OrgAuditScope, root: string): string[] {
  return [...scope.orgs.values()].filter((o) => o.path.includes(root)).map((o) => o.id);
}

/**
 * The SQL conditions of a query within the scope. A filter naming an organisation or a board
 * outside the scope is NOT_FOUND, whether it exists or not: the answer tells nothing about it.
 */
async function conditionsFor(db: Db, scope: OrgAuditScope, q: OrgAuditQuery): Promise<SQL[]> {
  if (q.org && !scope.orgs.has(q.org)) throw new AppError('NOT_FOUND', 'organisation not found', { fields: ['org'] });
  const orgIds = q.org ? subtreeOf(scope, q.org) : [...scope.orgs.keys()];
  const where: SQL[] = [anyOf(auditEvents.orgId, orgIds, 'uuid')];
  if (q.boardId) {
    const [board] = await db.select({ orgId: boards.orgId }).from(boards).where(eq(boards.id, q.boardId));
    if (!board || !scope.orgs.has(board.orgId)) throw new AppError('NOT_FOUND', 'board not found', { fields: ['boardId'] });
    where.push(eq(auditEvents.boardId, q.boardId));
  }
  if (q.cardId) {
    // A card's events are its board's rows about it; a pair card's id is its pair's, so the
    // pair's stage changes on the board are the card's too. Looked up per board of the scope
    // (the index on board, entity), as a card belongs to one board.
    where.push(inArray(auditEvents.entityType, ['card', 'pair']), eq(auditEvents.entityId, q.cardId));
    if (!q.boardId) {
      const inScope = await db.select({ id: boards.id }).from(boards).where(anyOf(boards.orgId, orgIds, 'uuid'));
      where.push(inScope.length ? anyOf(auditEvents.boardId, inScope.map((b) => b.id), 'uuid') : sql`false`);
    }
  }
  if (q.type) where.push(typeCondition(q.type));
  if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
  if (q.from) where.push(gte(auditEvents.at, new Date(q.from)));
  if (q.to) where.push(lte(auditEvents.at, new Date(q.to)));
  return where;
}

/** The most rows of a period collected and sorted by id before the primary key's order is used instead. */
const PERIOD_CAP = 100_000;

async function readRows(db: Db, where: SQL[], before: number | undefined, limit: number, period: boolean): Promise<{ rows: AuditEvent[]; next: number | null }> {
  const cond = and(...where, before ? lt(auditEvents.id, before) : undefined)!;
  let rows: AuditEvent[] | null = null;
  if (period) {
    // A period's rows lie anywhere in id order as the planner sees it (it does not know that
    // time and id grow together), so it would walk the primary key back from the newest row
    // through every later one. Instead: the ids of the period's rows from the (org, at, id)
    // index (an index-only scan), at most PERIOD_CAP of them, the newest `limit + 1` kept. Past
    // the cap (a long period) the primary key's order is used: quick when the period reaches
    // the recent rows, slow for a long period far back (bench/org-history.ts measures a month).
    const [found] = await execRows<{ n: number; ids: (string | number)[] | null }>(
      db,
      sql`with c as materialized (select ${auditEvents.id} as id from ${auditEvents} where ${cond} limit ${PERIOD_CAP})
          select (select count(*) from c)::int as n, (select array_agg(id order by id desc) from (select id from c order by id desc limit ${limit + 1}) t) as ids`,
    );
    if (found.n < PERIOD_CAP) {
      const ids = (found.ids ?? []).map(Number);
      rows = ids.length ? await db.select().from(auditEvents).where(anyOf(auditEvents.id, ids, 'bigint')).orderBy(desc(auditEvents.id)) : [];
    }
  }
  rows ??= await db.select().from(auditEvents).where(cond).orderBy(desc(auditEvents.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

export type HistoryPage = { events: HistoryEvent[]; next: number | null; names: HistoryNames };

/**
 * Rows → what the reader may see: personal values opened or hidden, the names for the
 * sentences, the actors' names (absent where the reader may not see them). Every person whose
 * personal data the page shows is written to the access log (`view`).
 */
async function presentPage(db: Db, scope: OrgAuditScope, rows: AuditEvent[], view: string): Promise<{ events: HistoryEvent[]; names: HistoryNames }> {
  const pathOf = (orgId: string | null) => (orgId ? scope.orgs.get(orgId)?.path : undefined);
  const { values, opened } = await openPersonalValues(db, scope.principal, rows, pathOf);
  const events = rows.map((row) => {
    const v = values.get(row.id) ?? { before: row.before, after: row.after };
    const shown = presentAudit({ ...row, before: v.before, after: v.after }, null);
    return { id: shown.id, at: shown.at, actor: shown.actor, type: shown.type, orgId: row.orgId, boardId: row.boardId, cardId: shown.cardId, data: shown.data };
  });
  const { names, shown } = await collectNames(db, scope.principal, events, scope);
  for (const e of events) e.actor.name = e.actor.id ? (names.people[e.actor.id] ?? null) : null;
  for (const [orgId, ids] of opened) for (const id of ids) (shown.get(orgId) ?? shown.set(orgId, new Set()).get(orgId)!).add(id);
  for (const [orgId, ids] of shown) await logAccess(db, scope.principal, orgId, [...ids], view);
  return { events, names };
}

/** The first page (or the one `before` names) of the organisation's history. */
export async function listOrgAudit(db: Db, principal: Principal | null, orgId: string, query: unknown): Promise<HistoryPage> {
  const q = parseInput(OrgAuditQuery, withoutEmpty(query));
  const scope = await orgAuditScope(db, principal, orgId);
  const where = await conditionsFor(db, scope, q);
  const { rows, next } = await readRows(db, where, q.before, q.limit, !!(q.from || q.to));
  return { ...(await presentPage(db, scope, rows, 'history')), next };
}

/**
 * The whole filtered history, page by page (`batch` rows each, newest first), for the
 * exports: never more than one page is held. Authorised and validated once, before the first
 * page; `limit` and `before` of the query bound the run (at most `limit` rows when given).
 */
export async function* streamOrgAudit(
  db: Db,
  principal: Principal | null,
  orgId: string,
  query: unknown,
  batch = 1000,
): AsyncGenerator<{ events: HistoryEvent[]; names: HistoryNames }> {
  const raw = withoutEmpty(query) as Record<string, unknown> | undefined;
  const q = parseInput(OrgAuditQuery.extend({ limit: z.coerce.number().int().positive().optional() }), raw ?? {});
  const scope = await orgAuditScope(db, principal, orgId);
  const where = await conditionsFor(db, scope, q as OrgAuditQuery);
  let before = q.before;
  let left = q.limit ?? Infinity;
  while (left > 0) {
    const { rows, next } = await readRows(db, where, before, Math.min(batch, left), !!(q.from || q.to));
    if (rows.length === 0) return;
    yield await presentPage(db, scope, rows, 'history.export');
    left -= rows.length;
    if (next === null) return;
    before = next;
  }
}

/**
 * Names for the sentences of these events, as the principal may see them: organisations and
 * boards from their tables, columns and cards as the boards name them now (a card deleted
 * since: from its last audit row), people only where DESIGN.md lets the reader see them.
 * The people whose names it gives are written to the access log.
 */
export async function namesFor(db: Db, principal: Principal | null, events: readonly HistoryEvent[]): Promise<HistoryNames> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const { names, shown } = await collectNames(db, principal, events, null);
  for (const [orgId, ids] of shown) await logAccess(db, principal, orgId, [...ids], 'history');
  return names;
}
