import type { ErrorCode } from '../errors';
import { addDays } from '../people/rules';
import type { IsoDate } from '../people/types';
import { PAIR_STAGES, type MeetingKind, type PairStage, type PairStatus } from './types';

// Pure rules of pairs and their meetings (DESIGN.md, "Mentoring programme"; DOMAIN.md, "Pairs";
// rules-14). No I/O: db/queries/pairs.ts loads the facts and applies the verdicts.

/** Days past the planned rhythm before a pair counts as stalled. */
export const STALL_GRACE_DAYS = 3;
/** A mentor whose bank entry names no capacity takes one mentee. */
export const DEFAULT_MENTOR_CAPACITY = 1;

export const MAX_MEETING_TEXT = 4000;
export const MAX_GOALS = 20;
export const MAX_GOAL_TEXT = 300;
export const MAX_REASON = 1000;
export const MAX_COMMENT = 2000;
export const MAX_MENTEES = 30;

/**
 * The stages whose meeting the board offers once («+ встреча» repeats only regular meetings).
 * The server still records a second meeting of the stage a pair is at: two people who move the
 * same pair at once each keep their record (issue 14: «one meeting record each, never a lost one»).
 */
export const ONCE_KINDS: ReadonlySet<MeetingKind> = new Set(['intro', 'trial', 'planning', 'final']);

export const stageIndex = (s: PairStage): number => PAIR_STAGES.indexOf(s);

/** The stage after `s`, or null after the last. */
export function nextStage(s: PairStage): PairStage | null {
  return PAIR_STAGES[stageIndex(s) + 1] ?? null;
}

/** A refusal: the code and, when it is one field's fault, the field. */
export type Problem = { code: ErrorCode; field?: string };

export type MeetingPlan = {
  /** the card moves to the meeting's column (the pair's stage becomes `to`) */
  move: boolean;
  to: PairStage;
  /** stages passed over without their meeting: a reason is required when there are any */
  skipped: PairStage[];
};

/**
 * What recording a meeting of `kind` does to a pair at `stage` that has held meetings of
 * `held` kinds: a meeting of the current stage stays in its column (regular meetings repeat;
 * a second record of another stage's meeting is kept too — two recorders at once each keep
 * theirs); a meeting of a later stage moves the card there, and a move past
 * a column skips it (the meeting needs a reason); an earlier stage is refused (move the pair
 * back first, with a reason).
 */
export function planMeeting(stage: PairStage, kind: MeetingKind, held: readonly MeetingKind[]): MeetingPlan | Problem {
  if (stage === 'done') return { code: 'PAIR_NOT_ACTIVE' };
  const from = stageIndex(stage);
  const to = stageIndex(kind);
  if (to < from) return { code: 'MEETING_STAGE_PASSED', field: 'kind' };
  return { move: to > from, to: kind, skipped: PAIR_STAGES.slice(from + 1, to) as PairStage[] };
}

export const isProblem = (v: object): v is Problem => 'code' in v;

const blank = (s: string | null | undefined) => !s || !s.trim();

/**
 * A stage change without a meeting (POST /api/pairs/<id>/stage): back to an earlier stage or
 * on past one, always with a reason (a move is otherwise a meeting). 'done' only by ending.
 * Null when nothing changes.
 */
export function planStageChange(stage: PairStage, to: PairStage, reason: string | null | undefined): { backwards: boolean } | Problem | null {
  if (stage === 'done') return { code: 'PAIR_NOT_ACTIVE' };
  if (to === 'done') return { code: 'UNPROCESSABLE', field: 'stage' };
  if (to === stage) return null;
  if (blank(reason)) return { code: 'REASON_REQUIRED', field: 'reason' };
  return { backwards: stageIndex(to) < stageIndex(stage) };
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Checks of a meeting's facts against the pair and the calendar (Moscow `today`, lib/people/rules todayIso). */
export function meetingProblem(
  m: { kind: MeetingKind; heldOn: IsoDate; rating?: number | null; reason?: string | null; goals?: readonly unknown[] | null; goalsReached?: readonly unknown[] | null },
  ctx: { today: IsoDate; startedOn: IsoDate; plan: MeetingPlan },
): Problem | null {
  if (m.heldOn > ctx.today) return { code: 'MEETING_IN_FUTURE', field: 'heldOn' };
  if (m.heldOn < ctx.startedOn) return { code: 'MEETING_BEFORE_START', field: 'heldOn' };
  const r = ratingProblem(m.rating);
  if (r) return r;
  if (m.goals?.length && m.kind !== 'planning') return { code: 'UNPROCESSABLE', field: 'goals' };
  if (m.goalsReached?.length && m.kind !== 'final') return { code: 'UNPROCESSABLE', field: 'goalsReached' };
  if (ctx.plan.skipped.length > 0 && blank(m.reason)) return { code: 'REASON_REQUIRED', field: 'reason' };
  return null;
}

/** A rating is a whole number 1–10 (or none, where it is optional). */
export function ratingProblem(rating: number | null | undefined, required = false): Problem | null {
  if (rating === null || rating === undefined) return required ? { code: 'RATING_OUT_OF_RANGE', field: 'rating' } : null;
  if (!Number.isInteger(rating) || rating < 1 || rating > 10) return { code: 'RATING_OUT_OF_RANGE', field: 'rating' };
  return null;
}

/** Active and no meeting (or, before the first, no start) for longer than the rhythm plus the grace. */
export function isStalled(pair: { status: PairStatus; startedOn: IsoDate; rhythmDays: number }, lastMeetingOn: IsoDate | null, today: IsoDate): boolean {
  if (pair.status !== 'active') return false;
  const since = lastMeetingOn && lastMeetingOn > pair.startedOn ? lastMeetingOn : pair.startedOn;
  return daysBetween(since, today) > pair.rhythmDays + STALL_GRACE_DAYS;
}

/** The date after which an active pair counts as stalled. */
export const stalledAfter = (since: IsoDate, rhythmDays: number): IsoDate => addDays(since, rhythmDays + STALL_GRACE_DAYS);

/** A card's title: «Пара № N», or «Группа № N» for a mentor with two or more mentees. No names. (The board writer's own.) */
export { pairCardTitle as pairTitle } from '../board/pair-cards';

/** Mentees a mentor can still take: its capacity (none given: one) minus the mentees in its active pairs. */
export function capacityLeft(capacity: number | null, menteesInActivePairs: number): number {
  return Math.max(0, (capacity ?? DEFAULT_MENTOR_CAPACITY) - menteesInActivePairs);
}

export function capacityProblem(capacity: number | null, menteesInActivePairs: number, adding: number): Problem | null {
  return adding > capacityLeft(capacity, menteesInActivePairs) ? { code: 'MENTOR_OVER_CAPACITY', field: 'mentorId' } : null;
}

/**
 * Whether a person may be put in a pair (or matched): not erased, processing not stopped, and
 * a processing consent in force (`consentValid`, lib/consents mayProcess: for a minor that
 * consent is the guardian's, as recordConsent enforces).
 */
export function pairingProblem(p: { erased: boolean; processingStopped: boolean; consentValid: boolean }): Problem | null {
  if (p.erased) return { code: 'PERSON_ERASED' };
  if (p.processingStopped) return { code: 'PROCESSING_STOPPED' };
  if (!p.consentValid) return { code: 'PAIR_CONSENT_REQUIRED' };
  return null;
}

/**
 * Ending a pair: «completed» after its final meeting, «terminated» early with a reason; the
 * end date is not in the future, nor before the start or the last meeting.
 */
export function endProblem(
  e: { outcome: 'completed' | 'terminated'; endedOn: IsoDate; reason?: string | null },
  ctx: { status: PairStatus; today: IsoDate; startedOn: IsoDate; finalHeld: boolean; lastMeetingOn: IsoDate | null },
): Problem | null {
  if (ctx.status !== 'active') return { code: 'PAIR_NOT_ACTIVE' };
  if (e.endedOn > ctx.today || e.endedOn < ctx.startedOn || (ctx.lastMeetingOn !== null && e.endedOn < ctx.lastMeetingOn)) return { code: 'UNPROCESSABLE', field: 'endedOn' };
  if (e.outcome === 'completed' && !ctx.finalHeld) return { code: 'FINAL_MEETING_REQUIRED' };
  if (e.outcome === 'terminated' && blank(e.reason)) return { code: 'REASON_REQUIRED', field: 'reason' };
  return null;
}

/**
 * A survey's answers with their free text gone (erasure): every string becomes null, numbers
 * (items 1–10) and booleans (yes/no) stay, so the counts and means of a round stay true.
 */
export function withoutFreeText(answers: unknown): unknown {
  if (typeof answers === 'string') return null;
  if (Array.isArray(answers)) return answers.map(withoutFreeText);
  if (answers && typeof answers === 'object') return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, withoutFreeText(v)]));
  return answers;
}
