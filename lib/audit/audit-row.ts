/** An audit row's facts before its board and organisation are set (db/audit.ts AuditInput without them). */
export type BoardAuditRow = {
  actorId: string | null;
  at: Date;
  type: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/** The row of a projected event (lib/audit/projector.ts, lib/board/pair-cards.ts); a field change keeps the field's name in before/after. */
export function auditRow(
  actorId: string | null,
  at: Date,
  e: { type: string; entityType: string; entityId: string | null; before: unknown; after: unknown; field?: string },
): BoardAuditRow {
  const field = 'field' in e ? e.field : undefined;
  return {
    actorId,
    at,
    type: e.type,
    entityType: e.entityType,
    entityId: e.entityId,
    before: field ? { [field]: e.before } : e.before,
    after: field ? { [field]: e.after } : e.after,
  };
}
