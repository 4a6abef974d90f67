import { pgTable, text, timestamp, uuid, index, bigserial, jsonb, uniqueIndex } from 'drizzle-orm/pg-core';
import { boards, bytea } from './boards';
import { organisations } from './organisations';
import { users } from './users';

// Append-only (a trigger refuses UPDATE and DELETE; references never cascade into it). Each row carries sha256(prev_hash + canonical row) so that an edited or
// deleted row breaks its board's chain (lib/audit/chain.ts, `npm run audit:verify`).
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    orgId: uuid('org_id').references(() => organisations.id),
    boardId: uuid('board_id').references(() => boards.id),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_board_idx').on(t.boardId, t.id),
    index('audit_events_org_idx').on(t.orgId, t.id),
    uniqueIndex('audit_events_hash_key').on(t.hash),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

// Audit rows the database refused (a data error no sanitising foresaw). The board's edits
// were stored; the row is kept here whole, as the UTF-8 bytes of its JSON, with their
// sha256, so that nothing is dropped silently and an administrator can see what it said.
// No references: storing here must not fail for the reasons the row itself failed.
export const auditQuarantine = pgTable(
  'audit_quarantine',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    boardId: text('board_id'),
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    error: text('error').notNull(),
  },
  (t) => [index('audit_quarantine_board_idx').on(t.boardId, t.id)],
);

export type AuditQuarantine = typeof auditQuarantine.$inferSelect;
