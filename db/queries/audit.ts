import { and, asc, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { firstBrokenLink } from '../../lib/audit/chain';
import { parseInput } from '../../lib/validation';
import type { Principal } from '../../lib/permissions';
import type { Db } from '../client';
import { auditEvents, users, type AuditEvent } from '../schema';
import { getBoardFor } from './boards';

export const AuditQuery = z.object({
  cardId: z.string().min(1).max(100).optional(),
  actorId: z.uuid().optional(),
  type: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/).optional(),
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
  if (q.cardId) where.push(eq(auditEvents.entityType, 'card'), eq(auditEvents.entityId, q.cardId));
  if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
  if (q.type) where.push(eq(auditEvents.type, q.type));
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
