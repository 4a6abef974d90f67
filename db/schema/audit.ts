import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, index, bigserial, bigint, jsonb, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
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
    // The head of an organisation's own chain (rows outside any board): appendAudit looks it up per row.
    index('audit_events_org_chain_idx').on(t.orgId, t.id).where(sql`${t.boardId} is null`),
    uniqueIndex('audit_events_hash_key').on(t.hash),
    // The history's filters (db/queries/org-audit.ts): by type or by person within an organisation, by card within a board, by period.
    index('audit_events_org_type_idx').on(t.orgId, t.type, t.id),
    // A group of types ('person.*'): the part before the dot, compared whole — a LIKE prefix cannot
    // seek in an index under a collation other than C (lib: typeCondition in db/queries/audit.ts).
    index('audit_events_org_type_group_idx').on(t.orgId, sql`split_part(${t.type}, '.', 1)`, t.id),
    index('audit_events_org_actor_idx').on(t.orgId, t.actorId, t.id),
    index('audit_events_board_entity_idx').on(t.boardId, t.entityId, t.id),
    // The rows that set a card's status (monitoring reports: when an activity became done, found
    // by a seek, not by walking back over every edit of the card). The predicate is the query's
    // own (db/queries/reports.ts, roadmapActivities), so the planner can use it.
    index('audit_events_card_status_idx')
      .on(t.boardId, t.entityId, t.id)
      .where(
        sql`${t.type} in ('card.created', 'card.restored') or (${t.type} = 'card.updated' and jsonb_exists(${t.after}, 'status')) or (${t.type} = 'card.field_restored' and (${t.after} ->> 'field') = 'status')`,
      ),
    // A period is read as the ids of its rows from this index alone (an index-only scan), newest
    // id first: the rows' time order is not their id order, so the primary key cannot start at a
    // period's end (bench/org-history.ts: 350 ms → 30 ms for one month of a million rows).
    index('audit_events_org_at_id_idx').on(t.orgId, t.at, t.id),
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

// A board as it was after one of its audit events (lib/history/replay.ts), so that the board as
// of a date replays from the nearest checkpoint rather than from the board's first event. Derived
// data: deleting every row loses nothing but time.
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    boardId: uuid('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    state: jsonb('state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.eventId] })],
);

export type AuditCheckpoint = typeof auditCheckpoints.$inferSelect;

// How far each chain (lib/audit/chain.ts chainKey) has been verified: the next check reads only
// the rows after `lastId`, linking them to `lastHash`. A chain found broken keeps its first broken row.
export const auditChainChecks = pgTable('audit_chain_checks', {
  chain: text('chain').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash'),
  rows: bigint('rows', { mode: 'number' }).notNull(),
  brokenId: bigint('broken_id', { mode: 'number' }),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AuditChainCheck = typeof auditChainChecks.$inferSelect;
