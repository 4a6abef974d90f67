import { pgEnum, pgTable, timestamp, uuid, primaryKey, index } from 'drizzle-orm/pg-core';
import { ROLES } from '../../lib/permissions/roles';
import { organisations } from './organisations';
import { users } from './users';

export const role = pgEnum('role', ROLES);

// A role held in one organisation; it reaches the organisations below it (lib/permissions).
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId, t.role] }), index('memberships_org_idx').on(t.orgId)],
);

export type Membership = typeof memberships.$inferSelect;
