import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { users } from './users';

// Monitoring reports (issue 16; DESIGN.md, "Monitoring and reports"). The figures themselves
// are computed from pairs, meetings, surveys and the roadmap boards' trail as of a round's end;
// these tables hold only what no other table knows: round dates, the contingent (denominators),
// settings, indicator links and manual actuals, the curator's conclusions, and sign-offs.

// A round's dates set by an organisation ('YYYY-MM' = the month it ends); `for_below`: the
// organisations below inherit them unless they have their own. No row: the default dates.
export const monitoringRounds = pgTable(
  'monitoring_rounds',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    key: text('key').notNull(),
    from: date('from', { mode: 'string' }).notNull(),
    to: date('to', { mode: 'string' }).notNull(),
    forBelow: boolean('for_below').notNull().default(false),
    setBy: uuid('set_by').references(() => users.id, { onDelete: 'set null' }),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('monitoring_rounds_org_key').on(t.orgId, t.key)],
);

// The denominators per round, entered by the curator; null = not entered.
export const reportContingents = pgTable(
  'report_contingents',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    round: text('round').notNull(),
    students: integer('students'),
    teachers: integer('teachers'),
    youngSpecialists: integer('young_specialists'),
    studentsBand: text('students_band'),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.round] })],
);

export const reportSettings = pgTable('report_settings', {
  orgId: uuid('org_id').primaryKey().references(() => organisations.id, { onDelete: 'restrict' }),
  satisfactionFormula: text('satisfaction_formula').notNull().default('share'),
  threshold: doublePrecision('threshold').notNull().default(7),
  setBy: uuid('set_by').references(() => users.id, { onDelete: 'set null' }),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});

// An indicator's link to a figure (both kinds), and the indicators added by hand (`manual`).
// A roadmap's own indicators live in its board document's meta; a row here with manual = false
// only links one of them (by key: its normalised title) to a figure.
export const reportIndicators = pgTable(
  'report_indicators',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    key: text('key').notNull(),
    title: text('title').notNull(),
    unit: text('unit'),
    targets: jsonb('targets').notNull().default({}),
    manual: boolean('manual').notNull().default(false),
    // a FigureKey, 'manual' (actual entered per round), or null: not linked (the guess applies)
    link: text('link'),
    linkSetBy: uuid('link_set_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);

export const reportActuals = pgTable(
  'report_actuals',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    round: text('round').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    value: doublePrecision('value'),
    note: text('note'),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.round, t.indicatorKey] })],
);

export const reportTexts = pgTable(
  'report_texts',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    round: text('round').notNull(),
    conclusions: text('conclusions').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.round] })],
);

// A head's sign-off of a round: the report as it was computed (figures, breakdown, execution,
// indicator lines, children's lines), frozen with the heads of the audit chains it was read
// from. Reopening sets reopened_*; the next sign-off is version + 1. The round is signed while
// its latest version is not reopened.
export const reportSignoffs = pgTable(
  'report_signoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    round: text('round').notNull(),
    version: integer('version').notNull(),
    report: jsonb('report').notNull(),
    chainHeads: jsonb('chain_heads').notNull(),
    signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'set null' }),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    reopenedBy: uuid('reopened_by').references(() => users.id, { onDelete: 'set null' }),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenReason: text('reopen_reason'),
  },
  (t) => [uniqueIndex('report_signoffs_org_round_version').on(t.orgId, t.round, t.version), index('report_signoffs_round_idx').on(t.round, t.orgId)],
);
