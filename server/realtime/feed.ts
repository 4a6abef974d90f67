import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users, type AuditEvent } from '../../db/schema';
import type { BoardAuditEvent } from '../../lib/realtime/events';

/** An audit row as the API and the live feed show it: `{id, at, actor:{id,name}, type, cardId, data}`. */
export function presentAudit(row: AuditEvent, actorName: string | null): BoardAuditEvent {
  const field = row.type === 'card.updated' && row.after && typeof row.after === 'object' ? Object.keys(row.after)[0] : undefined;
  // A field's restore names its field in `after` ({field, value, fromEvent}): shown like a field change.
  const restoredField = row.type === 'card.field_restored' && row.after && typeof row.after === 'object' ? (row.after as { field?: unknown }).field : undefined;
  const unwrap = (v: unknown) => (field && v && typeof v === 'object' ? (v as Record<string, unknown>)[field] : v);
  // board.created carries the whole starting board (where the as-of replay starts): shown, it is counted, not sent.
  const after = row.type === 'board.created' ? withContentCounted(row.after) : unwrap(row.after);
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, name: actorName },
    type: row.type,
    // A pair's events (pair.stage_changed) belong to its card: the card's id is the pair's.
    cardId: row.entityType === 'card' || row.entityType === 'pair' ? row.entityId : null,
    data: { entityType: row.entityType, entityId: row.entityId, ...(field ? { field } : typeof restoredField === 'string' ? { field: restoredField } : {}), before: unwrap(row.before), after },
  };
}

/** `after.content` ({columns, cards} by id) as the number of each. */
function withContentCounted(after: unknown): unknown {
  if (!after || typeof after !== 'object' || !('content' in after)) return after;
  const { content, ...rest } = after as { content: unknown } & Record<string, unknown>;
  const size = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).length : 0);
  const c = (content ?? {}) as { columns?: unknown; cards?: unknown };
  return { ...rest, content: { columns: size(c.columns), cards: size(c.cards) } };
}

export async function toFeedEvent(db: Db, rows: AuditEvent[]): Promise<BoardAuditEvent[]> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const names = new Map(
    ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  );
  return rows.map((r) => presentAudit(r, r.actorId ? (names.get(r.actorId) ?? null) : null));
}
