// Pairs and groups of a mentoring programme (DESIGN.md, "Mentoring programme"; DOMAIN.md, "Pairs").
// A pair (or a group: one mentor, several mentees) is formed from the banks, lives as a card on its
// organisation's pairs board (the card holds only the pair's id; its column is the pair's meeting
// stage) and goes through a fixed sequence of meetings. Personal data stays in Postgres.

import type { IsoDate } from '../people/types';

/** The meeting stages, in order: the columns of a pairs board (lib/board/templates MEETING_STAGES). */
export const PAIR_STAGES = ['intro', 'trial', 'planning', 'regular', 'final', 'done'] as const;
export type PairStage = (typeof PAIR_STAGES)[number];

/** A meeting's kind is the stage it belongs to (every stage but 'done'). */
export const MEETING_KINDS = ['intro', 'trial', 'planning', 'regular', 'final'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_FORMATS = ['in_person', 'remote'] as const; // очно / дистанционно
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const PAIR_STATUSES = ['active', 'completed', 'terminated'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export const PAIR_SIDES = ['mentor', 'mentee'] as const;
export type PairSide = (typeof PAIR_SIDES)[number];

/** Days between regular meetings unless the pair says otherwise; past it (plus grace) the pair is stalled. */
export const DEFAULT_RHYTHM_DAYS = 14;

export type PairMember = {
  personId: string;
  side: PairSide;
  /** null when the caller may not see names (DESIGN.md, "Personal data"). */
  name: string | null;
  positionOrClass: string | null;
  /** the person's account, when linked */
  userId: string | null;
};

/** A pair as the pairs list, the pair page and the board's card faces show it. */
export type PairSummary = {
  id: string; // also the card's id on the pairs board
  orgId: string;
  boardId: string;
  number: number; // «Пара № N» / «Группа № N»
  form: string; // as worded in DOMAIN.md, e.g. «учитель – учитель»
  roleModel: string | null;
  rhythmDays: number;
  startedOn: IsoDate;
  stage: PairStage;
  status: PairStatus;
  endedOn: IsoDate | null;
  endReason: string | null;
  order: { number: string; date: IsoDate } | null;
  mentor: PairMember;
  mentees: PairMember[];
  meetingsHeld: number;
  lastMeetingOn: IsoDate | null;
  /** no meeting for longer than rhythmDays (+ grace) while active */
  stalled: boolean;
  /** the caller is this pair's mentor (its account is linked to the mentor's person) */
  mine: boolean;
  /** a member's processing stopped (consent withdrawn) or its data was erased: nothing more is recorded; the pair should be ended */
  consentWithdrawn: boolean;
};

export type Goal = { id: string; text: string; reached: boolean | null };

export type MenteeFeedback = { personId: string; rating: number; comment: string | null; at: string };

export type MeetingRecord = {
  id: string;
  pairId: string;
  kind: MeetingKind;
  heldOn: IsoDate;
  format: MeetingFormat;
  summary: string | null;
  nextSteps: string | null;
  mentorRating: number | null; // 1–10
  reason: string | null; // why a stage was skipped
  recordedBy: string | null; // user id
  recordedByName: string | null;
  feedback: MenteeFeedback[]; // each mentee's rating 1–10 and comment
  createdAt: string;
};

/** POST /api/pairs/<id>/meetings (DESIGN.md stable interface: {kind, heldOn, format?, summary?, rating?}). */
export type MeetingInput = {
  kind: MeetingKind;
  heldOn: IsoDate;
  format?: MeetingFormat; // default in_person
  summary?: string | null;
  nextSteps?: string | null;
  rating?: number | null; // the mentor's rating 1–10
  /** встреча-планирование: the goals of the pair's plan; итоговая: which were reached */
  goals?: { text: string }[];
  goalsReached?: { id: string; reached: boolean }[];
  /** required when the meeting skips a stage */
  reason?: string | null;
};

/** POST /api/orgs/<orgId>/pairs (stable: {mentorId, menteeIds, form}). */
export type PairInput = {
  mentorId: string; // person ids from the banks
  menteeIds: string[];
  form: string;
  roleModel?: string | null;
  rhythmDays?: number | null;
};

export type EndInput = { outcome: 'completed' | 'terminated'; endedOn?: IsoDate; reason?: string | null };
