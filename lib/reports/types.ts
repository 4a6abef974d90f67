/*
 * Monitoring reports (DESIGN.md, "Monitoring and reports"): the shapes every layer shares.
 * lib/reports computes figures from plain inputs (no I/O); db/queries/reports gathers the
 * inputs as of a round's end and stores contingents, links, actuals and sign-offs;
 * app/ and components/reports show them; lib/reports/documents writes the DOCX and XLSX.
 */

/** A round's key: the month its period ends in, 'YYYY-MM' (the API's `round=`). */
export type RoundKey = string;

/** A monitoring round: its key and its period, both ends included (ISO dates). */
export type Round = { key: RoundKey; from: string; to: string };

/** Where a round's dates come from: the default, the organisation itself, or one above it. */
export type RoundSource = { kind: 'default' } | { kind: 'own' } | { kind: 'inherited'; orgId: string; orgName: string };

/** The stable keys of DESIGN.md's report interface, then the extra figures the page shows. */
export const STABLE_FIGURE_KEYS = [
  'participants',
  'pairs',
  'meetingsHeld',
  'menteeSatisfaction',
  'mentorSatisfaction',
  'studentCoverage',
  'youngSpecialistCoverage',
  'roadmapOnTime',
] as const;
export const EXTRA_FIGURE_KEYS = ['mentors', 'mentees', 'pairsCompleted', 'pairsTerminated', 'roadmapLate', 'roadmapOverdue'] as const;
export const FIGURE_KEYS = [...STABLE_FIGURE_KEYS, ...EXTRA_FIGURE_KEYS] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/**
 * One computed figure. 'count' figures: value = the count (numerator = value; meetingsHeld
 * also has denominator = meetings expected). 'percent' figures: value = numerator ÷
 * denominator × 100, rounded to 0.1, or null («нет данных») when the denominator is 0 or
 * unknown — never a division by zero. `formula` says in Russian how it was counted, with its
 * numbers. `target` is the linked indicator's target for the round, when there is one.
 */
export type Figure = {
  kind: 'count' | 'percent';
  value: number | null;
  numerator?: number;
  denominator?: number;
  target?: number;
  formula: string;
  /** A roll-up: organisations whose denominator was missing and so are left out of it. */
  missing?: number;
};
export type Figures = Record<FigureKey, Figure>;

/** Participants and pairs by form of mentoring and by role (side), for the page and the справка. */
export type Breakdown = {
  byForm: { form: string; pairs: number; mentors: number; mentees: number }[];
  byCategory: { category: string; side: 'mentor' | 'mentee'; people: number }[];
};

/** The denominators no bank knows, entered by the curator per round. null = not entered. */
export type Contingent = { students: number | null; teachers: number | null; youngSpecialists: number | null; studentsBand: string | null };

export type SatisfactionSetting = { formula: 'mean' | 'share'; threshold: number };

/** Everything one organisation's figures are computed from, as of the round's end. */
export type ReportInputs = {
  round: Round;
  /** People in pairs that were active at some moment of the round (a pair in several roles counts each person once per side). */
  pairs: {
    id: string;
    form: string;
    status: 'active' | 'completed' | 'terminated';
    startedOn: string;
    endedOn: string | null;
    rhythmDays: number;
    members: { personId: string; side: 'mentor' | 'mentee'; category: string; youngSpecialist: boolean }[];
  }[];
  /** Meetings held in the round (held_on within it) of those pairs. */
  meetings: { pairId: string; heldOn: string }[];
  /** Survey responses submitted in the round (template: mentee_satisfaction | mentor_satisfaction). */
  surveys: { template: string; answers: unknown }[];
  contingent: Contingent | null;
  satisfaction: SatisfactionSetting;
  /** The organisation's roadmap activities as of the round's end (lib/reports/roadmap.ts classifies). */
  activities: RoadmapActivity[];
};

/** A roadmap activity as the trail shows it at the round's end. */
export type RoadmapActivity = {
  boardId: string;
  cardId: string;
  title: string;
  /** The deadline's last day (ISO date), or null when it has none or is ongoing. */
  due: string | null;
  status: 'todo' | 'in_progress' | 'done' | 'cancelled';
  /** When the status last became 'done' (ISO time), as of the round's end; null if not done. */
  doneAt: string | null;
};

export type RoadmapExecution = {
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  notDue: number;
  items: (RoadmapActivity & { verdict: 'on_time' | 'late' | 'overdue' | 'not_due' | 'cancelled' })[];
};

/** An indicator's status against its target. Thresholds: on track ≥ target; at risk ≥ target × atRisk; else behind. */
export type IndicatorStatus = 'on_track' | 'at_risk' | 'behind' | 'no_data' | 'no_target';
export const DEFAULT_AT_RISK = 0.9;

/**
 * An indicator of a roadmap (board meta `indicators`: {title, unit, targets: {year: value}})
 * or added by hand, with its link: a figure key, or 'manual' (actual entered with a note), or
 * null (not linked yet). `guessed` = the link was guessed from the title, not set by a person.
 */
export type ReportIndicator = {
  key: string;
  title: string;
  unit: string | null;
  targets: Record<string, number>;
  origin: { kind: 'board'; boardId: string; boardTitle: string } | { kind: 'manual' };
  link: FigureKey | 'manual' | null;
  guessed: boolean;
  /** Two roadmaps of the organisation give different targets for the same indicator. */
  conflict: string | null;
};

/** One indicator's line in a report. */
export type IndicatorLine = {
  key: string;
  title: string;
  unit: string | null;
  link: FigureKey | 'manual' | null;
  target: number | null;
  actual: number | null;
  note: string | null;
  status: IndicatorStatus;
  /** Actual values of the previous rounds, oldest first (signed figures when signed). */
  trend: { round: RoundKey; actual: number | null; target: number | null }[];
  conflict: string | null;
  /** The link was guessed from the title (the curator may change it). */
  guessed: boolean;
  origin: ReportIndicator['origin'];
};

export type SignOff = { by: string; byName: string | null; at: string; version: number };

/** The stable API shape (DESIGN.md): GET /api/orgs/<orgId>/report?round=YYYY-MM. */
export type ReportApi = {
  orgId: string;
  round: { from: string; to: string };
  signed: null | { by: string; at: string };
  figures: Partial<Record<FigureKey, { value: number | null; numerator?: number; denominator?: number; target?: number }>>;
  children: { orgId: string; name: string; signed: null | { by: string; at: string }; figures: ReportApi['figures'] }[];
};

/** A problem the report shows (Russian message) with a stable code; nothing is refused for it. */
export type ReportWarning = { code: 'CONTINGENT_MISSING' | 'CONTINGENT_TOO_SMALL' | 'NO_DATA' | 'TARGET_CONFLICT' | 'ROUND_OPEN'; message: string; figure?: FigureKey; indicator?: string };

/** A child organisation's line in a roll-up. `reported` = it has a contingent or any data for the round. */
export type ChildReport = { orgId: string; name: string; kind: 'region' | 'municipality' | 'organisation'; signed: SignOff | null; reported: boolean; figures: Figures };

/** Everything the report page, the documents and the API read: assembled by db/queries/reports.ts. */
export type OrgReport = {
  org: { id: string; name: string; kind: 'region' | 'municipality' | 'organisation' };
  round: Round;
  roundSource: RoundSource;
  /** Up to four earlier rounds, oldest first, for trends. */
  previousRounds: Round[];
  /** The moment the figures are read as of: the end of the round's last day (Moscow), or now if that is later than now. */
  asOf: string;
  figures: Figures;
  breakdown: Breakdown;
  /** This organisation's own roadmap execution (a roll-up sums its children's counts; items only for a school). */
  execution: RoadmapExecution;
  indicators: IndicatorLine[];
  contingent: Contingent | null;
  /** Last round's contingent, offered when this round has none. */
  contingentOffered: Contingent | null;
  satisfaction: SatisfactionSetting;
  warnings: ReportWarning[];
  signed: SignOff | null;
  versions: { version: number; signedAt: string; signedBy: string | null; reopenedAt: string | null; reopenReason: string | null }[];
  /** «Выводы и рекомендации», typed by the curator. */
  conclusions: string;
  children: ChildReport[];
};
