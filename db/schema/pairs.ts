import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { MEETING_FORMATS, MEETING_KINDS, PAIR_SIDES, PAIR_STAGES, PAIR_STATUSES } from '../../lib/pairs/types';
import { boards } from './boards';
import { organisations } from './organisations';
import { people } from './people';
import { users } from './users';

// Pairs and groups, their meetings, plans, preferences and surveys (DESIGN.md, "Mentoring
// programme"). A pair's card on its organisation's pairs board has the pair's id as its id and
// holds nothing else of the pair; `stage` here and the card's column are kept equal by the
// server, the only writer of a pair card's column (server/yjs: clients may not move, create or
// delete pair cards). Free text (summaries, feedback, answers) is personal data: erasing a
// person blanks it in the pairs the person belonged to.

export const pairStage = pgEnum('pair_stage', PAIR_STAGES);
export const meetingKind = pgEnum('meeting_kind', MEETING_KINDS);
export const meetingFormat = pgEnum('meeting_format', MEETING_FORMATS);
export const pairStatus = pgEnum('pair_status', PAIR_STATUSES);
export const pairSide = pgEnum('pair_side', PAIR_SIDES);

export const pairs = pgTable(
  'pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    boardId: uuid('board_id').notNull().references(() => boards.id, { onDelete: 'restrict' }),
    // Per organisation, from 1: «Пара № N».
    number: integer('number').notNull(),
    form: text('form').notNull(),
    roleModel: text('role_model'),
    rhythmDays: integer('rhythm_days').notNull().default(14),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    stage: pairStage('stage').notNull().default('intro'),
    status: pairStatus('status').notNull().default('active'),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    // «Приказ о закреплении наставнических пар (групп)»: its number and date, once printed.
    orderNumber: text('order_number'),
    orderDate: date('order_date', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pairs_org_number_key').on(t.orgId, t.number), index('pairs_board_idx').on(t.boardId, t.status), index('pairs_org_status_idx').on(t.orgId, t.status)],
);

export const pairMembers = pgTable(
  'pair_members',
  {
    pairId: uuid('pair_id').notNull().references(() => pairs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'restrict' }),
    side: pairSide('side').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.personId] }), index('pair_members_person_idx').on(t.personId)],
);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairId: uuid('pair_id').notNull().references(() => pairs.id, { onDelete: 'cascade' }),
    kind: meetingKind('kind').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    format: meetingFormat('format').notNull().default('in_person'),
    summary: text('summary'),
    nextSteps: text('next_steps'),
    mentorRating: integer('mentor_rating'),
    // why the meeting skipped a stage
    reason: text('reason'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_pair_idx').on(t.pairId, t.heldOn)],
);

// Each mentee's rating (1–10) and comment on a meeting: a group has several (DESIGN.md sketched
// one mentee_rating per meeting; a group needs one per mentee).
export const meetingFeedback = pgTable(
  'meeting_feedback',
  {
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

// The goals of a pair's plan (fixed at встреча-планирование, marked at the итоговая встреча).
export const pairGoals = pgTable(
  'pair_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairId: uuid('pair_id').notNull().references(() => pairs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    reached: boolean('reached'),
  },
  (t) => [index('pair_goals_pair_idx').on(t.pairId, t.position)],
);

// After a group meeting people name whom they would prefer, ranked (1 = first choice); the
// curator enters the answers. Matching weighs mutual preferences most.
export const preferences = pgTable(
  'preferences',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    preferredId: uuid('preferred_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.preferredId] }), index('preferences_org_idx').on(t.orgId)],
);

// A survey's raw answers (lib/surveys: built-in templates). `round` is the monitoring round
// ('YYYY-MM') it answers, when there is one; `source` says whether the curator typed it from paper.
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    template: text('template').notNull(),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    pairId: uuid('pair_id').references(() => pairs.id, { onDelete: 'set null' }),
    round: text('round'),
    answers: jsonb('answers').notNull(),
    source: text('source').notNull().default('online'),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_responses_org_idx').on(t.orgId, t.template, t.submittedAt), index('survey_responses_person_idx').on(t.personId)],
);

export type PairRow = typeof pairs.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
