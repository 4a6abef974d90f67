import { pgEnum, pgTable, text, timestamp, uuid, index, bigserial, customType, integer, bigint } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { users } from './users';

export const boardKind = pgEnum('board_kind', ['roadmap', 'pairs']);

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // postgres.js hands back a Buffer, PGlite a Uint8Array: both are Uint8Array.
  fromDriver: (v) => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayLike<number>)),
});

export const boards = pgTable(
  'boards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    kind: boardKind('kind').notNull(),
    title: text('title').notNull(),
    // Academic years, e.g. 2026 → 2027; free of day precision on purpose (roadmaps speak in years).
    periodFrom: integer('period_from'),
    periodTo: integer('period_to'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('boards_org_idx').on(t.orgId)],
);

// Append-only Yjs update log. Loading a board = latest snapshot + the updates after it.
export const boardUpdates = pgTable(
  'board_updates',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    boardId: uuid('board_id').notNull().references(() => boards.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('board_updates_board_seq_idx').on(t.boardId, t.seq)],
);

// A compacted state: the whole document up to and including update `upToSeq`.
export const boardSnapshots = pgTable(
  'board_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    boardId: uuid('board_id').notNull().references(() => boards.id, { onDelete: 'cascade' }),
    state: bytea('state').notNull(),
    upToSeq: bigint('up_to_seq', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('board_snapshots_board_idx').on(t.boardId, t.upToSeq)],
);

export type Board = typeof boards.$inferSelect;
