import { boolean, integer, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased (see lib/validation), so the unique index is case-insensitive in effect.
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('ru'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    // Sessions carry the version they were signed in at; raising it (a password change or
    // reset, disabling) ends every session of the account at once.
    sessionVersion: integer('session_version').notNull().default(0),
    // The password is public knowledge (the demo's): the UI warns while any such account is enabled.
    passwordPublic: boolean('password_public').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export type User = typeof users.$inferSelect;
