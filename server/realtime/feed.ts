import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users, type AuditEvent } from '../../db/schema';
import type { BoardAuditEvent } from '../../lib/realtime/events';

/** An audit row as the API and the live feed show it: `{id, at, actor:{id,name}, type, cardId, data}`. */
export function presentAudit(row: AuditEvent, actorName: string | null): BoardAuditEvent {
  const field = row.type === 'card.updated' && row.after && typeof row.after === 'object' ? Object.keys(row.after)[0] : undefined;
  const unwrap = (v: unknown) => (field && v && typeof v === 'object' ? (v as Record<string, unknown>)[field] : v);
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, name: actorName },
    type: row.type,
    cardId: row.entityType === 'card' ? row.entityId : null,
    data: { entityType: row.entityType, entityId: row.entityId, ...(field ? { field } : {}), before: unwrap(row.before), after: unwrap(row.after) },
  };
}

export async function toFeedEvent(db: Db, rows: AuditEvent[]): Promise<BoardAuditEvent[]> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const names = new Map(
    ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  );
  return rows.map((r) => presentAudit(r, r.actorId ? (names.get(r.actorId) ?? null) : null));
}
