import { z } from 'zod';
import { storableText } from '../audit/sanitize';
import { AppError } from '../errors';
import { MESSAGES } from '../i18n/messages';
import { isIsoDate } from '../people/rules';
import { MAX_COMMENT, MAX_GOAL_TEXT, MAX_GOALS, MAX_MEETING_TEXT, MAX_MENTEES, MAX_REASON, type Problem } from './rules';
import { MEETING_FORMATS, MEETING_KINDS, PAIR_STAGES, PAIR_STATUSES } from './types';

// The shapes a client may send for pairs, meetings, goals, feedback, orders and preferences.
// Refusals are AppErrors whose message is Russian (DESIGN.md: clear Russian messages): a
// shape problem is 422 UNPROCESSABLE with `fields` and `fieldErrors` (field → Russian text),
// a rule's refusal its own code (lib/errors.ts) with the field when there is one.

const storable = (s: string) => storableText(s) === s;
const Text = (max: number) => z.string().trim().max(max).refine(storable, { message: 'unstorable text' });
const OptText = (max: number) =>
  z
    .union([Text(max), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const IsoDate = z.string().trim().refine(isIsoDate, { message: 'not a date YYYY-MM-DD' });
const OptDate = z
  .union([IsoDate, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : null));
const Uuid = z.uuid();
const unique = (ids: readonly string[]) => new Set(ids).size === ids.length;
// A number, or nothing ('' and null are nothing): its range is a rule (RATING_OUT_OF_RANGE), not a shape.
const OptNumber = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.union([z.null(), z.number().finite()]));

export const PairInputSchema = z
  .object({
    mentorId: Uuid,
    menteeIds: z.array(Uuid).min(1).max(MAX_MENTEES).refine(unique),
    form: Text(100).pipe(z.string().min(1)),
    roleModel: OptText(200),
    rhythmDays: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.number().int().min(1).max(90).default(14)),
  })
  .refine((p) => !p.menteeIds.includes(p.mentorId), { path: ['menteeIds'] });
export type PairInputParsed = z.infer<typeof PairInputSchema>;

export const AcceptInputSchema = z.object({ pairs: z.array(z.unknown()).min(1).max(200) });

export const MeetingInputSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  heldOn: IsoDate,
  format: z.enum(MEETING_FORMATS).default('in_person'),
  summary: OptText(MAX_MEETING_TEXT),
  nextSteps: OptText(MAX_MEETING_TEXT),
  rating: OptNumber,
  goals: z
    .array(z.object({ text: Text(MAX_GOAL_TEXT).pipe(z.string().min(1)) }))
    .max(MAX_GOALS)
    .optional()
    .transform((v) => v ?? []),
  goalsReached: z
    .array(z.object({ id: Uuid, reached: z.boolean() }))
    .max(MAX_GOALS)
    .optional()
    .transform((v) => v ?? []),
  reason: OptText(MAX_REASON),
});
export type MeetingInputParsed = z.infer<typeof MeetingInputSchema>;

export const StageInputSchema = z.object({ stage: z.enum(PAIR_STAGES), reason: OptText(MAX_REASON) });

export const EndInputSchema = z.object({
  outcome: z.enum(['completed', 'terminated']),
  endedOn: OptDate,
  reason: OptText(MAX_REASON),
});

export const FeedbackInputSchema = z.object({ rating: OptNumber, comment: OptText(MAX_COMMENT) });

export const GoalsInputSchema = z.object({
  goals: z.array(z.object({ id: Uuid.optional(), text: Text(MAX_GOAL_TEXT).pipe(z.string().min(1)) })).max(MAX_GOALS),
});

export const OrderInputSchema = z.object({
  number: Text(60).pipe(z.string().min(1)),
  date: IsoDate,
  pairIds: z.array(Uuid).min(1).max(500).refine(unique),
});

export const PreferencesInputSchema = z
  .object({ personId: Uuid, preferred: z.array(Uuid).max(20).refine(unique) })
  .refine((p) => !p.preferred.includes(p.personId), { path: ['preferred'] });

export const PairsQuerySchema = z.object({
  status: z.enum(PAIR_STATUSES).optional(),
  stage: z.enum(PAIR_STAGES).optional(),
  mentorId: Uuid.optional(),
  form: z.string().trim().max(100).optional(),
});
export type PairsQuery = z.infer<typeof PairsQuerySchema>;

const FIELD_TEXT = MESSAGES.ru.pairFields as Record<string, string>;

/** The Russian text for a field path ('goals.3.text' → the goals' text). */
export function fieldText(path: string): string {
  const head = path.split('.')[0];
  return FIELD_TEXT[head] ?? FIELD_TEXT['(input)'];
}

/** A rule's refusal as an AppError with its Russian message (and the field's, when there is one). */
export function problemError(p: Problem, details: Record<string, unknown> = {}): AppError {
  if (p.code === 'UNPROCESSABLE' && p.field) return unprocessable([p.field], details);
  const message = (MESSAGES.ru.errors as Record<string, string>)[p.code] ?? p.code;
  return new AppError(p.code, message, { ...(p.field ? { fields: [p.field] } : {}), ...details });
}

export function unprocessable(fields: string[], details: Record<string, unknown> = {}): AppError {
  const fieldErrors = Object.fromEntries(fields.map((f) => [f, fieldText(f)]));
  return new AppError('UNPROCESSABLE', [...new Set(Object.values(fieldErrors))].join(' '), { fields, fieldErrors, ...details });
}

/** Parses or throws 422 UNPROCESSABLE naming the fields that failed, with Russian texts. */
export function parsePairsInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw unprocessable([...new Set(result.error.issues.map((i) => i.path.join('.') || '(input)'))]);
}
