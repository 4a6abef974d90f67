import { pgEnum, pgTable, text, timestamp, uuid, uniqueIndex, index, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const orgKind = pgEnum('org_kind', ['region', 'municipality', 'organisation']);

// The organisation tree: region → municipality → organisation (school, college, centre).
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id, { onDelete: 'restrict' }),
    kind: orgKind('kind').notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_slug_key').on(t.slug), index('organisations_parent_idx').on(t.parentId)],
);

export type Organisation = typeof organisations.$inferSelect;
