import type { IsoDate } from '../people/types';
import { MEETING_KINDS, PAIR_STAGES, type MeetingFormat, type MeetingInput, type MeetingKind, type PairStage, type PairSummary } from './types';

/*
 * Pure decisions of the pairs board's UI (DESIGN.md, "Mentoring programme"): what a drop of a
 * pair card means (a meeting, a step back, the end), who may drag it, and the meeting form's
 * checks before it is sent. The server decides again; these keep the dialogs honest.
 */

export const isStage = (s: unknown): s is PairStage => typeof s === 'string' && (PAIR_STAGES as readonly string[]).includes(s);
export const isMeetingKind = (s: unknown): s is MeetingKind => typeof s === 'string' && (MEETING_KINDS as readonly string[]).includes(s);
export const stageIndex = (s: PairStage) => PAIR_STAGES.indexOf(s);

export type DropIntent =
  /** same column, or a column that is not a stage: nothing to ask */
  | { kind: 'none' }
  /** forward into a meeting stage: record that meeting; `skipped` are the stages passed over (a reason is required) */
  | { kind: 'meeting'; meeting: MeetingKind; skipped: PairStage[] }
  /** backwards: a reason, then POST …/stage */
  | { kind: 'back'; to: PairStage }
  /** into «Завершено»: the end dialog */
  | { kind: 'end' };

/** What dropping a pair from stage `from` into column `to` asks for. */
export function dropIntent(from: string, to: string): DropIntent {
  if (!isStage(from) || !isStage(to) || from === to) return { kind: 'none' };
  if (to === 'done') return { kind: 'end' };
  const a = stageIndex(from);
  const b = stageIndex(to);
  if (b < a) return { kind: 'back', to };
  return { kind: 'meeting', meeting: to as MeetingKind, skipped: PAIR_STAGES.slice(a + 1, b) };
}

/** Held once each: знакомство, пробная, планирование, итоговая (regular meetings repeat). */
const ONCE: readonly MeetingKind[] = ['intro', 'trial', 'planning', 'final'];

/**
 * The meetings a pair at `stage` may record next, given the kinds it has `held`: its own
 * stage's meeting if not held yet (regular ones always), then every later stage's (a later one
 * skips stages: a reason). Earlier stages are not offered (a step back comes first); nothing
 * once the pair is done.
 */
export function meetingChoices(stage: PairStage, held: readonly MeetingKind[]): MeetingKind[] {
  if (stage === 'done') return [];
  return MEETING_KINDS.filter((k) => stageIndex(k) >= stageIndex(stage) && !(ONCE.includes(k) && held.includes(k)));
}

/** The meeting a pair holds next: the first of its choices (its own stage's, else the next stage's). */
export function nextMeetingKind(stage: PairStage, held: readonly MeetingKind[] = []): MeetingKind | null {
  return meetingChoices(stage, held)[0] ?? null;
}

/** Columns where a meeting is recorded without moving: the first meeting (знакомство) and the regular ones. */
export const REPEAT_STAGES: readonly PairStage[] = ['intro', 'regular'];
export const addsMeetingIn = (stage: string): stage is 'intro' | 'regular' => stage === 'intro' || stage === 'regular';

/**
 * Does a card offer «+ встреча»? In «Регулярные встречи» always; in «Встреча-знакомство» until
 * the first meeting is recorded (it is held once; a pair there with a meeting has had it).
 */
export function offersAddMeeting(stage: string, meetingsHeld: number | undefined): boolean {
  if (stage === 'regular') return true;
  return stage === 'intro' && !meetingsHeld;
}

/**
 * Who may move a pair and record its meetings: the organisation's curator or administrator
 * (`access` 'edit') any active pair, the pair's own mentor its own; nobody an ended pair.
 * Without the pair's summary yet, only the curator's rights are known.
 */
export function mayMovePair(access: 'edit' | 'read' | 'none', pair: Pick<PairSummary, 'mine' | 'status'> | undefined): boolean {
  if (pair && pair.status !== 'active') return false;
  if (access === 'edit') return true;
  return pair?.mine === true;
}

/** The stages a «Перенести в…» menu offers: every other stage, or none for an ended pair. */
export function moveTargets(stage: string, status: PairSummary['status'] | undefined): PairStage[] {
  if (status && status !== 'active') return [];
  return PAIR_STAGES.filter((s) => s !== stage);
}

// ---------------------------------------------------------------------------------------
// The meeting form

export type GoalRow = { key: string; text: string };

export type MeetingDraft = {
  kind: MeetingKind;
  heldOn: string;
  format: MeetingFormat;
  summary: string;
  nextSteps: string;
  rating: string; // the mentor's rating as typed, '' for none
  goals: GoalRow[]; // встреча-планирование
  reached: Record<string, 'yes' | 'no' | ''>; // итоговая: goal id → reached
  reason: string;
};

export const newDraft = (kind: MeetingKind, today: IsoDate): MeetingDraft => ({
  kind,
  heldOn: today,
  format: 'in_person',
  summary: '',
  nextSteps: '',
  rating: '',
  goals: kind === 'planning' ? [{ key: 'g0', text: '' }] : [],
  reached: {},
  reason: '',
});

export type MeetingProblem = 'dateRequired' | 'dateFuture' | 'dateBeforeStart' | 'rating' | 'reasonRequired' | 'goalsRequired' | 'goalsUnmarked';
export type MeetingCheck = { field: 'heldOn' | 'rating' | 'reason' | 'goals'; problem: MeetingProblem };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The mentor's rating as typed: null for empty, the number when it is a whole 1–10, NaN otherwise. */
export function parseRating(s: string): number | null {
  const t = s.trim();
  if (!t) return null;
  if (!/^\d{1,2}$/.test(t)) return Number.NaN;
  const n = Number(t);
  return n >= 1 && n <= 10 ? n : Number.NaN;
}

/**
 * What is wrong with a meeting before it is sent (the server checks the same and more).
 * `goalIds` are the plan's goals an итоговая встреча marks; `startedOn` the pair's start.
 */
export function checkMeeting(d: MeetingDraft, ctx: { today: IsoDate; startedOn?: IsoDate | null; needsReason: boolean; goalIds?: string[] }): MeetingCheck[] {
  const out: MeetingCheck[] = [];
  if (!ISO.test(d.heldOn)) out.push({ field: 'heldOn', problem: 'dateRequired' });
  else if (d.heldOn > ctx.today) out.push({ field: 'heldOn', problem: 'dateFuture' });
  else if (ctx.startedOn && d.heldOn < ctx.startedOn) out.push({ field: 'heldOn', problem: 'dateBeforeStart' });
  if (Number.isNaN(parseRating(d.rating))) out.push({ field: 'rating', problem: 'rating' });
  if (ctx.needsReason && !d.reason.trim()) out.push({ field: 'reason', problem: 'reasonRequired' });
  if (d.kind === 'planning' && !d.goals.some((g) => g.text.trim())) out.push({ field: 'goals', problem: 'goalsRequired' });
  if (d.kind === 'final' && (ctx.goalIds ?? []).some((id) => !d.reached[id])) out.push({ field: 'goals', problem: 'goalsUnmarked' });
  return out;
}

/** The request body of POST /api/pairs/<id>/meetings from a checked draft. */
export function meetingInput(d: MeetingDraft, goalIds: string[] = []): MeetingInput {
  const text = (s: string) => s.trim() || null;
  const input: MeetingInput = {
    kind: d.kind,
    heldOn: d.heldOn,
    format: d.format,
    summary: text(d.summary),
    nextSteps: text(d.nextSteps),
    rating: parseRating(d.rating),
  };
  if (d.reason.trim()) input.reason = d.reason.trim();
  if (d.kind === 'planning') input.goals = d.goals.map((g) => ({ text: g.text.trim() })).filter((g) => g.text);
  if (d.kind === 'final' && goalIds.length) {
    input.goalsReached = goalIds.filter((id) => d.reached[id]).map((id) => ({ id, reached: d.reached[id] === 'yes' }));
  }
  return input;
}

// ---------------------------------------------------------------------------------------
// The board's names: one request for every card, again only when the board has changed

/**
 * Should the board fetch its pairs again? When a card is on the board that the map lacks, or a
 * card stands in another column than its pair's stage — but only if the board looks different
 * from when it last asked (`asked` is the signature of that moment), so a card the server does
 * not answer for does not make it ask in a loop.
 */
export function boardSignature(cards: { id: string; columnId: string }[]): string {
  return cards
    .map((c) => `${c.id}@${c.columnId}`)
    .sort()
    .join(',');
}

export function needsRefetch(cards: { id: string; columnId: string }[], pairs: ReadonlyMap<string, Pick<PairSummary, 'stage'>>, asked: string | null): boolean {
  const stale = cards.some((c) => {
    const p = pairs.get(c.id);
    return !p || p.stage !== c.columnId;
  });
  return stale && boardSignature(cards) !== asked;
}

/** «Пара № N» / «Группа № N»: a group has two mentees or more. */
export const isGroup = (pair: Pick<PairSummary, 'mentees'>) => pair.mentees.length >= 2;

/** Days since the last meeting (or the start), for the stalled badge. */
export function daysSince(from: IsoDate, today: IsoDate): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
