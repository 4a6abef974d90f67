// Matching mentors and mentees (DESIGN.md: "Matching is pure (lib/matching)"). The caller
// (db/queries/pairs.ts) loads who is waiting from the banks and passes only ids, forms, tags,
// capacities, consent verdicts and preferences; no names come in or go out.

export type MentorCandidate = {
  personId: string;
  forms: string[]; // forms of mentoring the mentor offers
  tags: string[]; // competencies
  /** mentees it can still take: capacity − mentees in its active pairs (≥ 0) */
  capacityLeft: number;
  /** a valid pd_processing consent in force and processing not stopped (a minor: the guardian's) */
  consentValid: boolean;
};

export type MenteeCandidate = {
  personId: string;
  forms: string[]; // forms the mentee's entry asks for
  tags: string[]; // requests (запросы / дефициты)
  consentValid: boolean;
};

/** A ranked choice named after a group meeting: `rank` 1 is the first choice. */
export type Preference = { personId: string; preferredId: string; rank: number };

export type MatchingInput = {
  mentors: MentorCandidate[];
  mentees: MenteeCandidate[];
  preferences: Preference[];
};

/** Why a suggestion was made, in words the curator reads (Russian; `code` for tests and i18n). */
export type Reason = { code: 'form' | 'tags' | 'mutual' | 'mentee_prefers' | 'mentor_prefers' | 'capacity'; text: string };

export type Suggestion = {
  mentorId: string;
  menteeId: string;
  form: string; // the shared form the pair would work in
  score: number;
  reasons: Reason[];
};

export type MatchingResult = {
  /**
   * a globally optimal assignment: as many mentees matched as possible and, among those
   * assignments, the total score maximal; each mentor within capacityLeft, each mentee at most
   * once (sorted by mentorId, then menteeId)
   */
  suggestions: Suggestion[];
  /** mentees left without a suggestion, with why (no consent, no mentor with a shared form, capacity exhausted) */
  unmatched: { menteeId: string; reason: 'no_consent' | 'no_form' | 'no_capacity' }[];
  /** mentors left out for lack of consent */
  excludedMentors: { mentorId: string; reason: 'no_consent' }[];
};
