import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { firstBrokenLink } from '../../lib/audit/chain';
import { parseInput } from '../../lib/validation';
import type { Principal } from '../../lib/permissions';
import type { Db } from '../client';
import { auditEvents, users, type AuditEvent } from '../schema';
import { getBoardFor } from './boards';

/** A type filter: one type ('card.moved', 'pair.stage_changed') or a group of them ('card.*'). */
export const TYPE_FILTER = /^[a-z]+\.(\*|[a-z][a-zA-Z_]*)$/;

/**
 * The condition of a type filter (TYPE_FILTER): a group is every type whose part before the dot
 * is its name — the expression of the index audit_events_org_type_group_idx, so that it seeks.
 */
export const typeCondition = (type: string): SQL =>
  type.endsWith('.*') ? sql`split_part(${auditEvents.type}, '.', 1) = ${type.slice(0, -2)}` : eq(auditEvents.type, type);

export const AuditQuery = z.object({
  cardId: z.string().min(1).max(100).optional(),
  actorId: z.uuid().optional(),
  type: z.string().regex(TYPE_FILTER).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(), // paging: events older than this id
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** A board's audit events, newest first, for a principal that may read them. */
export async function listBoardAudit(db: Db, principal: Principal | null, boardId: string, query: unknown) {
  const q = parseInput(AuditQuery, query);
  const board = await getBoardFor(db, principal, boardId, 'audit.read');
  const where: SQL[] = [eq(auditEvents.boardId, board.id)];
  // A pair card's id is its pair's: the card's history includes the pair's stage changes.
  if (q.cardId) where.push(inArray(auditEvents.entityType, ['card', 'pair']), eq(auditEvents.entityId, q.cardId));
  if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
  if (q.type) where.push(typeCondition(q.type));
  if (q.from) where.push(gte(auditEvents.at, new Date(q.from)));
  if (q.to) where.push(lte(auditEvents.at, new Date(q.to)));
  if (q.before) where.push(lt(auditEvents.id, q.before));
  const rows = await db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { rows: page, next: rows.length > q.limit ? page[page.length - 1].event.id : null };
}

export type ChainReport = { chain: string; rows: number; broken: null | { id: number; at: Date; type: string } };

/** Checks every chain (one per board, one per organisation for rows outside boards). */
export async function verifyAuditChains(db: Db): Promise<ChainReport[]> {
  const all = await db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  const chains = new Map<string, AuditEvent[]>();
  for (const row of all) {
    const key = row.boardId ? `board ${row.boardId}` : `organisation ${row.orgId ?? '(none)'}`;
    if (!chains.has(key)) chains.set(key, []);
    chains.get(key)!.push(row);
  }
  return [...chains].map(([chain, rows]) => {
    const i = firstBrokenLink(rows.map((r) => ({ ...r, at: r.at.toISOString() })));
    return { chain, rows: rows.length, broken: i < 0 ? null : { id: rows[i].id, at: rows[i].at, type: rows[i].type } };
  });
}
