import { bigserial, customType, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AGE_BANDS, BANK_STATUSES, BANKS, CATEGORIES, CONSENT_PURPOSES, SIGNERS } from '../../lib/people/types';
import { bytea } from './boards';
import { organisations } from './organisations';
import { users } from './users';

// The banks of a mentoring programme (DESIGN.md, "Mentoring programme", "Personal data").
// Personal data lives in these rows only. Erasure overwrites it in place (the person becomes
// «Участник №N», counts stay true) and deletes the person's key, which makes the encrypted
// personal values in audit rows unreadable while the audit chain still verifies.

export const personCategory = pgEnum('person_category', CATEGORIES);
export const bankKind = pgEnum('bank_kind', BANKS);
export const bankStatus = pgEnum('bank_status', BANK_STATUSES);
export const consentPurpose = pgEnum('consent_purpose', CONSENT_PURPOSES);
export const consentSigner = pgEnum('consent_signer', SIGNERS);
export const ageBand = pgEnum('age_band', AGE_BANDS);

const textArray = customType<{ data: string[]; driverData: string[] }>({ dataType: () => 'text[]' });

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    // Per organisation, from 1: the name an erased person keeps («Участник №N»).
    number: integer('number').notNull(),
    fullName: text('full_name').notNull(),
    // lower-cased, ё → е, one space: duplicates and search (lib/people/names.ts)
    nameKey: text('name_key').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    ageBand: ageBand('age_band'),
    category: personCategory('category').notNull(),
    positionOrClass: text('position_or_class'),
    experienceYears: integer('experience_years'),
    email: text('email'),
    phone: text('phone'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    // Withdrawal of the processing consent: processing stops at once, erasure is due 30 days later.
    processingStoppedAt: timestamp('processing_stopped_at', { withTimezone: true }),
    eraseDueOn: date('erase_due_on', { mode: 'string' }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_org_number_key').on(t.orgId, t.number),
    index('people_org_name_idx').on(t.orgId, t.nameKey, t.id),
    // people_name_trgm_idx (gin, name_key gin_trgm_ops): migration 0006, for search by any part of a name
    index('people_erase_due_idx').on(t.eraseDueOn),
    index('people_user_idx').on(t.userId),
  ],
);

export const bankEntries = pgTable(
  'bank_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    bank: bankKind('bank').notNull(),
    forms: textArray('forms').notNull().default([]),
    // competencies (mentors) or requests (mentees), as short tags
    tags: textArray('tags').notNull().default([]),
    requestText: text('request_text'),
    capacity: integer('capacity'),
    status: bankStatus('status').notNull().default('candidate'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bank_entries_person_bank_key').on(t.personId, t.bank),
    index('bank_entries_org_bank_idx').on(t.orgId, t.bank, t.status),
  ],
);

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    purpose: consentPurpose('purpose').notNull(),
    signer: consentSigner('signer').notNull(),
    signerName: text('signer_name').notNull(),
    guardianRelation: text('guardian_relation'),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    documentRef: text('document_ref').notNull(),
    textVersion: text('text_version').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consents_person_idx').on(t.personId, t.purpose)],
);

// The person's key for the personal values in audit rows (AES-256-GCM, lib/people/pd-crypto.ts).
// Erasure deletes the row: those values can never be read again, their ciphertext still hashes.
export const personKeys = pgTable('person_keys', {
  personId: uuid('person_id').primaryKey().references(() => people.id, { onDelete: 'cascade' }),
  key: bytea('key').notNull(),
});

// The same for an account's own personal values (name, email) in audit rows ('user.created'):
// erasing the person an account belongs to deletes the account's key as well.
export const userKeys = pgTable('user_keys', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  key: bytea('key').notNull(),
});

// Every read of personal data: who, whose, when, which view (152-ФЗ ст. 14: who has seen it).
// A list view writes one row per person it showed. No personal values here, only ids.
export const pdAccessLog = pgTable(
  'pd_access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    view: text('view').notNull(),
    // the same request's rows share it (a page of a list)
    requestId: uuid('request_id'),
  },
  (t) => [index('pd_access_log_person_idx').on(t.personId, t.id), index('pd_access_log_org_idx').on(t.orgId, t.id)],
);

export type Person = typeof people.$inferSelect;
export type BankEntryRow = typeof bankEntries.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
