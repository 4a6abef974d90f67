/*
 * The score of one mentor × mentee pair, pure. A pair is allowed only when the two share a form
 * of mentoring; its score then adds up (all integers, so the flow compares them exactly):
 *
 *   FORM_POINTS                        they share a form (every allowed pair has it)
 * + TAG_POINTS × k                     k of the mentee's requests are covered by the mentor's
 *                                      competencies (each request counted once)
 * + preferences, at most one line of:
 *     MUTUAL_POINTS + bonus(r₁) + bonus(r₂)   both named each other (r₁ the mentee's rank for
 *                                              the mentor, r₂ the mentor's for the mentee)  50…70
 *     MENTEE_PREFERS_POINTS + bonus(r₁)        only the mentee named the mentor             20…30
 *     MENTOR_PREFERS_POINTS + bonus(r₂)        only the mentor named the mentee               8…18
 *   bonus(r) = RANK_BONUS_STEP × max(0, RANK_BONUS_RANKS + 1 − r): rank 1 → 10, 2 → 8, … 5 → 2, 6+ → 0.
 *
 * So any mutual choice outweighs any one-sided one, a mentee's choice outweighs a mentor's, and a
 * better rank weighs more within each. A mutual choice is worth five shared requests.
 * Capacity is not in the score: it is the flow's constraint (assign.ts) and a reason's words.
 */

/** Every allowed pair (a shared form). */
export const FORM_POINTS = 5;
/** Each of the mentee's requests that a competency of the mentor covers. */
export const TAG_POINTS = 10;
/** Both named each other (plus both ranks' bonuses). */
export const MUTUAL_POINTS = 50;
/** Only the mentee named the mentor (plus its rank's bonus). */
export const MENTEE_PREFERS_POINTS = 20;
/** Only the mentor named the mentee (plus its rank's bonus). */
export const MENTOR_PREFERS_POINTS = 8;
/** bonus(rank) = RANK_BONUS_STEP × max(0, RANK_BONUS_RANKS + 1 − rank) */
export const RANK_BONUS_STEP = 2;
export const RANK_BONUS_RANKS = 5;

export const rankBonus = (rank: number) => RANK_BONUS_STEP * Math.max(0, RANK_BONUS_RANKS + 1 - rank);

/** A rank as named after a group meeting: a whole number from 1; anything else is no choice. */
export const validRank = (rank: unknown): rank is number => typeof rank === 'number' && Number.isSafeInteger(rank) && rank >= 1;

/** Points for the preferences between one mentee and one mentor (0 when neither named the other). */
export function preferencePoints(menteeRank: number | undefined, mentorRank: number | undefined): number {
  if (menteeRank !== undefined && mentorRank !== undefined) return MUTUAL_POINTS + rankBonus(menteeRank) + rankBonus(mentorRank);
  if (menteeRank !== undefined) return MENTEE_PREFERS_POINTS + rankBonus(menteeRank);
  if (mentorRank !== undefined) return MENTOR_PREFERS_POINTS + rankBonus(mentorRank);
  return 0;
}

// ---------------------------------------------------------------- words compared

/** Lower case, ё → е, spaces (also non-breaking) collapsed, trimmed. */
export const normaliseText = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0\u2007\u202f]+/g, ' ')
    .trim();

/** A form's key: as normaliseText, with every kind of dash between the sides read as one « – ». */
export const formKey = (form: string) => normaliseText(form).replace(/\s*[-‐‑‒–—―]\s*/g, ' – ');

// Endings of Russian nouns and adjectives, longest first; one is cut off a word of more than
// four letters as long as four remain («методики» → «методик», «проектной» → «проектн»).
const ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией',
  'ия', 'ие', 'ий', 'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ых', 'их', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ов', 'ев', 'ую', 'юю', 'ию', 'ья', 'ье',
  'ы', 'и', 'а', 'я', 'о', 'е', 'у', 'ю', 'ь', 'й',
];
const MIN_STEM = 4;

export function stem(word: string): string {
  if (word.length <= MIN_STEM) return word;
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word;
}

/** A tag's key: its words normalised and stemmed, joined by single spaces («ИКТ», «Проектная деятельность» → «икт», «проектн деятельност»). */
export const tagKey = (tag: string) =>
  normaliseText(tag)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stem)
    .join(' ');

/**
 * Does a competency cover a request? Their keys are equal, or the shorter key (of at least
 * four letters) begins the longer one: «методика» covers «методика преподавания» and back,
 * «проекты» covers «проектная деятельность».
 */
export function keysMatch(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_STEM && long.startsWith(short);
}

export const tagsMatch = (request: string, competency: string) => keysMatch(tagKey(request), tagKey(competency));

// ---------------------------------------------------------------- one pair

export type ScoredSides = { forms: readonly string[]; tags: readonly string[] };

/** How the shared form was found: both listed it, or one side listed none and takes the other's. */
export type FormMatch = { form: string; how: 'shared' | 'mentor_only' | 'mentee_only' };

/**
 * The form a pair would work in: the first of the mentee's forms the mentor offers. A mentee
 * with no forms listed accepts the mentor's first; a mentor with none takes the mentee's
 * first; when neither lists any, or they share none, null (the pair is not allowed).
 */
export function sharedForm(mentorForms: readonly string[], menteeForms: readonly string[]): FormMatch | null {
  const mentor = mentorForms.filter((f) => formKey(f) !== '');
  const mentee = menteeForms.filter((f) => formKey(f) !== '');
  if (mentee.length === 0) return mentor.length ? { form: mentor[0]!.trim(), how: 'mentor_only' } : null;
  if (mentor.length === 0) return { form: mentee[0]!.trim(), how: 'mentee_only' };
  const offered = new Set(mentor.map(formKey));
  const form = mentee.find((f) => offered.has(formKey(f)));
  return form === undefined ? null : { form: form.trim(), how: 'shared' };
}

/** The mentee's requests (as the mentee's entry spells them, trimmed, each once) that a competency of the mentor covers. */
export function coveredRequests(competencies: readonly string[], requests: readonly string[]): string[] {
  const compKeys = competencies.map(tagKey).filter(Boolean);
  const seen = new Set<string>();
  const covered: string[] = [];
  for (const request of requests) {
    const key = tagKey(request);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    if (compKeys.some((c) => keysMatch(key, c))) covered.push(request.trim());
  }
  return covered;
}

export type PairScore = FormMatch & {
  score: number;
  /** the mentee's requests the mentor covers */
  tags: string[];
  /** the rank the mentee gave this mentor, if it named it */
  menteeRank?: number;
  /** the rank the mentor gave this mentee, if it named it */
  mentorRank?: number;
};

/** The score of a mentor for a mentee (see the top of this file), or null when they share no form. */
export function scorePair(
  mentor: ScoredSides,
  mentee: ScoredSides,
  ranks: { menteeRank?: number; mentorRank?: number } = {},
): PairScore | null {
  const form = sharedForm(mentor.forms, mentee.forms);
  if (!form) return null;
  const tags = coveredRequests(mentor.tags, mentee.tags);
  const menteeRank = validRank(ranks.menteeRank) ? ranks.menteeRank : undefined;
  const mentorRank = validRank(ranks.mentorRank) ? ranks.mentorRank : undefined;
  const score = FORM_POINTS + TAG_POINTS * tags.length + preferencePoints(menteeRank, mentorRank);
  return { ...form, score, tags, ...(menteeRank !== undefined ? { menteeRank } : {}), ...(mentorRank !== undefined ? { mentorRank } : {}) };
}
