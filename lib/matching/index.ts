/*
 * Matching mentors and mentees, pure (DESIGN.md "Mentoring programme"): the score of a pair
 * (score.ts), a globally optimal assignment under the mentors' capacities (assign.ts, over the
 * min-cost flow of flow.ts) and each suggestion's reasons in words (reasons.ts).
 */
import { assign, placesOf } from './assign';
import { reasonsFor } from './reasons';
import { scorePair, validRank } from './score';
import type { MatchingInput, MatchingResult, Suggestion } from './types';

export type * from './types';
export {
  FORM_POINTS,
  MENTEE_PREFERS_POINTS,
  MENTOR_PREFERS_POINTS,
  MUTUAL_POINTS,
  RANK_BONUS_RANKS,
  RANK_BONUS_STEP,
  TAG_POINTS,
  scorePair,
  type PairScore,
} from './score';

/**
 * Suggestions for everyone waiting: each consenting mentee at most once, each consenting mentor
 * within its capacityLeft; as many mentees matched as possible, then the largest total score;
 * the same input (in any order) gives the same output. Mentees left out and mentors excluded
 * come with why. Throws when a mentor or a mentee id is listed twice.
 */
export function suggest(input: MatchingInput): MatchingResult {
  return assign(input);
}

/**
 * One pair the curator picks by hand (changing a suggestion): its form, score and reasons as
 * suggest() would give them, the mentor's places counted after this one mentee (a mentor with
 * none left says so: the pair would overfill it). Null when either
 * is unknown or has no valid consent, they are the same person, or they share no form.
 */
export function describePair(input: MatchingInput, mentorId: string, menteeId: string): Suggestion | null {
  const mentor = input.mentors.find((m) => m.personId === mentorId);
  const mentee = input.mentees.find((m) => m.personId === menteeId);
  if (!mentor || !mentee || mentor.consentValid !== true || mentee.consentValid !== true || mentorId === menteeId) return null;
  const best = (personId: string, preferredId: string) => {
    const ranks = (input.preferences ?? []).filter((p) => p.personId === personId && p.preferredId === preferredId && validRank(p.rank)).map((p) => p.rank);
    return ranks.length ? Math.min(...ranks) : undefined;
  };
  const score = scorePair(mentor, mentee, { menteeRank: best(menteeId, mentorId), mentorRank: best(mentorId, menteeId) });
  if (!score) return null;
  return { mentorId, menteeId, form: score.form, score: score.score, reasons: reasonsFor(score, placesOf(mentor) - 1) };
}
