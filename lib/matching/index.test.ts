import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePair, scorePair, suggest, type MatchingInput, type MatchingResult, type MenteeCandidate, type MentorCandidate, type Preference } from './index';
import { sharedForm, validRank } from './score';

// ---------------------------------------------------------------- small random instances

const FORMS = ['ученик – ученик', 'учитель – учитель', 'Учитель - учитель', 'студент – ученик'];
const TAGS = ['методика', 'Методики', 'ИКТ', 'ОГЭ', 'проектная деятельность', 'проекты'];
// most have a consent, so most instances have something to optimise
const consent = fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 });
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const instance: fc.Arbitrary<MatchingInput> = fc
  .record({
    // mostly the larger sizes, where mentees compete for places
    mentees: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 6 }), weight: 1 }, { arbitrary: fc.integer({ min: 4, max: 6 }), weight: 3 }),
    mentors: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 1 }, { arbitrary: fc.integer({ min: 2, max: 4 }), weight: 3 }),
    shared: fc.boolean(),
  })
  .chain(({ mentees, mentors, shared }) => {
    const menteeIds = ids('e', mentees);
    // sometimes a person is in both banks (a mentor who is also a mentee): never paired with itself
    const mentorIds = ids('m', mentors).map((id, i) => (shared && i === 0 && mentees > 0 ? 'e0' : id));
    const everyone = [...menteeIds, ...mentorIds, 'stranger'];
    return fc.record({
      mentors: fc.tuple(
        ...mentorIds.map((personId) =>
          fc.record({
            personId: fc.constant(personId),
            forms: fc.subarray(FORMS, { maxLength: 2 }),
            tags: fc.subarray(TAGS, { maxLength: 3 }),
            // mostly one place, so mentees compete for it
            capacityLeft: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 2 }),
            consentValid: consent,
          }),
        ),
      ),
      mentees: fc.tuple(
        ...menteeIds.map((personId) =>
          fc.record({
            personId: fc.constant(personId),
            forms: fc.subarray(FORMS, { maxLength: 2 }),
            tags: fc.subarray(TAGS, { maxLength: 3 }),
            consentValid: consent,
          }),
        ),
      ),
      // ranked choices: mostly a mentee naming a mentor or back (close scores, where the optimum
      // is easy to miss), some naming anyone (ignored), some ranks that are no ranks
      preferences: fc.array(
        fc.record({
          pair: fc.oneof(
            { arbitrary: fc.tuple(fc.constantFrom(...everyone), fc.constantFrom(...everyone)), weight: 1 },
            ...(menteeIds.length && mentorIds.length
              ? [
                  { arbitrary: fc.tuple(fc.constantFrom(...menteeIds), fc.constantFrom(...mentorIds)), weight: 2 },
                  { arbitrary: fc.tuple(fc.constantFrom(...mentorIds), fc.constantFrom(...menteeIds)), weight: 2 },
                ]
              : []),
          ),
          rank: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 7 }), weight: 5 }, { arbitrary: fc.constantFrom(0, -1, 1.5), weight: 1 }),
        }).map(({ pair: [personId, preferredId], rank }) => ({ personId, preferredId, rank })),
        { maxLength: 16 },
      ),
    });
  })
  .map((x) => ({ mentors: [...x.mentors], mentees: [...x.mentees], preferences: x.preferences }));

/** The best rank `personId` gave `preferredId`, computed here independently of assign.ts. */
const rankOf = (prefs: Preference[], personId: string, preferredId: string) => {
  const ranks = prefs.filter((p) => p.personId === personId && p.preferredId === preferredId && validRank(p.rank)).map((p) => p.rank);
  return ranks.length ? Math.min(...ranks) : undefined;
};
const pairScore = (input: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) =>
  mentor.personId === mentee.personId
    ? null
    : scorePair(mentor, mentee, { menteeRank: rankOf(input.preferences, mentee.personId, mentor.personId), mentorRank: rankOf(input.preferences, mentor.personId, mentee.personId) });

/** Every assignment tried: the best (number matched, then total score). */
function bruteForce(input: MatchingInput) {
  const mentors = input.mentors.filter((m) => m.consentValid);
  const mentees = input.mentees.filter((m) => m.consentValid);
  const left = mentors.map((m) => m.capacityLeft);
  const options = mentees.map((e) => mentors.flatMap((m, j) => (pairScore(input, m, e) ? [{ j, score: pairScore(input, m, e)!.score }] : [])));
  let best = { count: 0, score: 0 };
  const walk = (i: number, count: number, score: number) => {
    if (i === mentees.length) {
      if (count > best.count || (count === best.count && score > best.score)) best = { count, score };
      return;
    }
    walk(i + 1, count, score);
    for (const { j, score: s } of options[i]!) {
      if (left[j]! === 0) continue;
      left[j]!--;
      walk(i + 1, count + 1, score + s);
      left[j]!++;
    }
  };
  walk(0, 0, 0);
  return best;
}

/** A seeded shuffle: the same input in another order. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const copy = [...xs];
  let s = seed | 0;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    const j = (s >>> 8) % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const total = (r: MatchingResult) => r.suggestions.reduce((sum, s) => sum + s.score, 0);

describe('suggest on small random instances', () => {
  it('matches as many mentees as brute force can, then reaches its best total score', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const result = suggest(input);
        expect({ count: result.suggestions.length, score: total(result) }).toEqual(bruteForce(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('respects capacities and consents, pairs each mentee at most once, scores and explains each pair as scorePair does, and says why the rest are left', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const result = suggest(input);
        const mentorById = new Map(input.mentors.map((m) => [m.personId, m]));
        const menteeById = new Map(input.mentees.map((m) => [m.personId, m]));
        const perMentor = new Map<string, number>();
        const seen = new Set<string>();
        for (const s of result.suggestions) {
          const mentor = mentorById.get(s.mentorId)!;
          const mentee = menteeById.get(s.menteeId)!;
          expect(mentor.consentValid && mentee.consentValid).toBe(true);
          expect(seen.has(s.menteeId)).toBe(false);
          seen.add(s.menteeId);
          perMentor.set(s.mentorId, (perMentor.get(s.mentorId) ?? 0) + 1);
          const expected = pairScore(input, mentor, mentee);
          expect(expected).not.toBeNull();
          expect(s.score).toBe(expected!.score);
          expect(s.form).toBe(sharedForm(mentor.forms, mentee.forms)!.form);
          expect(s.reasons[0]).toEqual({ code: 'form', text: expect.stringContaining(s.form) });
          for (const tag of expected!.tags) expect(s.reasons.find((r) => r.code === 'tags')?.text).toContain(tag);
          expect(s.reasons.at(-1)!.code).toBe('capacity');
        }
        for (const [id, n] of perMentor) expect(n).toBeLessThanOrEqual(mentorById.get(id)!.capacityLeft);
        for (const s of result.suggestions) {
          const placesLeft = mentorById.get(s.mentorId)!.capacityLeft - perMentor.get(s.mentorId)!;
          expect(s.reasons.at(-1)!.text).toBe(placesLeft > 0 ? `У наставника остаётся мест: ${placesLeft}` : 'У наставника это последнее свободное место');
        }

        // every mentee is either suggested or unmatched, with the right reason
        expect(new Set([...seen, ...result.unmatched.map((u) => u.menteeId)]).size).toBe(input.mentees.length);
        expect(result.unmatched.length + result.suggestions.length).toBe(input.mentees.length);
        for (const u of result.unmatched) {
          const mentee = menteeById.get(u.menteeId)!;
          const formShared = input.mentors.some((m) => m.consentValid && m.personId !== mentee.personId && sharedForm(m.forms, mentee.forms));
          expect(u.reason).toBe(!mentee.consentValid ? 'no_consent' : formShared ? 'no_capacity' : 'no_form');
        }
        expect(result.excludedMentors).toEqual(
          input.mentors.filter((m) => !m.consentValid).map((m) => ({ mentorId: m.personId, reason: 'no_consent' })).sort((a, b) => (a.mentorId < b.mentorId ? -1 : 1)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input in any order', () => {
    fc.assert(
      fc.property(instance, fc.integer(), (input, seed) => {
        const again = suggest({ mentors: shuffled(input.mentors, seed), mentees: shuffled(input.mentees, seed + 1), preferences: shuffled(input.preferences, seed + 2) });
        expect(again).toEqual(suggest(input));
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------- crafted cases

const TT = 'учитель – учитель';
const UU = 'ученик – ученик';
const mentor = (personId: string, over: Partial<MentorCandidate> = {}): MentorCandidate => ({ personId, forms: [TT], tags: [], capacityLeft: 1, consentValid: true, ...over });
const mentee = (personId: string, over: Partial<MenteeCandidate> = {}): MenteeCandidate => ({ personId, forms: [TT], tags: [], consentValid: true, ...over });
const pairsOf = (r: MatchingResult) => r.suggestions.map((s) => `${s.mentorId}:${s.menteeId}`);

describe('suggest', () => {
  it('gives a mutual choice the place a one-sided first choice also wants', () => {
    // One place. «a» named the mentor first (one-sided); «b» named it only second, but the mentor named «b» too.
    const input: MatchingInput = {
      mentors: [mentor('m', { tags: ['ИКТ'] })],
      mentees: [mentee('a', { tags: ['ИКТ'] }), mentee('b', { tags: ['ИКТ'] })],
      preferences: [
        { personId: 'a', preferredId: 'm', rank: 1 },
        { personId: 'b', preferredId: 'm', rank: 2 },
        { personId: 'm', preferredId: 'b', rank: 3 },
      ],
    };
    const result = suggest(input);
    expect(pairsOf(result)).toEqual(['m:b']);
    expect(result.suggestions[0]!.reasons).toContainEqual({ code: 'mutual', text: 'Взаимный выбор: наставляемый назвал наставника вторым, наставник — третьим' });
    expect(result.unmatched).toEqual([{ menteeId: 'a', reason: 'no_capacity' }]);
  });

  it('pairs two mutual choices crosswise over two one-sided first choices', () => {
    // x and y each named the other mentor first; the mentors named them back the other way round.
    const input: MatchingInput = {
      mentors: [mentor('m1'), mentor('m2')],
      mentees: [mentee('x'), mentee('y')],
      preferences: [
        { personId: 'x', preferredId: 'm1', rank: 1 },
        { personId: 'x', preferredId: 'm2', rank: 2 },
        { personId: 'y', preferredId: 'm2', rank: 1 },
        { personId: 'y', preferredId: 'm1', rank: 2 },
        { personId: 'm1', preferredId: 'y', rank: 1 },
        { personId: 'm2', preferredId: 'x', rank: 1 },
      ],
    };
    expect(pairsOf(suggest(input))).toEqual(['m1:y', 'm2:x']);
  });

  it('matches more mentees before it scores higher', () => {
    // m1 is x's mutual first choice (high score), but it is the only mentor y can have; m2 takes x.
    const input: MatchingInput = {
      mentors: [mentor('m1', { forms: [TT, UU] }), mentor('m2', { forms: [TT] })],
      mentees: [mentee('x', { forms: [TT] }), mentee('y', { forms: [UU] })],
      preferences: [
        { personId: 'x', preferredId: 'm1', rank: 1 },
        { personId: 'm1', preferredId: 'x', rank: 1 },
      ],
    };
    const result = suggest(input);
    expect(pairsOf(result)).toEqual(['m1:y', 'm2:x']);
    expect(result.suggestions.map((s) => s.form)).toEqual([UU, TT]);
  });

  it('names the shared requests in the reasons and sends each mentee to the mentor that covers more of them', () => {
    const input: MatchingInput = {
      mentors: [mentor('m1', { tags: ['ОГЭ'] }), mentor('m2', { tags: ['методика преподавания', 'ИКТ', 'ОГЭ'] })],
      mentees: [mentee('e', { tags: ['Методика', 'ИКТ', 'робототехника'] })],
      preferences: [],
    };
    const result = suggest(input);
    expect(pairsOf(result)).toEqual(['m2:e']);
    expect(result.suggestions[0]!.score).toBe(5 + 2 * 10);
    expect(result.suggestions[0]!.reasons).toContainEqual({ code: 'tags', text: 'Совпадают запросы и компетенции: Методика, ИКТ' });
  });

  it('leaves out everyone without consent and a mentor with no place, and says why', () => {
    const input: MatchingInput = {
      mentors: [mentor('m-no', { consentValid: false, capacityLeft: 5 }), mentor('m-full', { capacityLeft: 0 }), mentor('m-uu', { forms: [UU] })],
      mentees: [mentee('e-no', { consentValid: false }), mentee('e-tt'), mentee('e-su', { forms: ['студент – ученик'] })],
      preferences: [{ personId: 'e-tt', preferredId: 'm-no', rank: 1 }],
    };
    const result = suggest(input);
    expect(result.suggestions).toEqual([]);
    expect(result.unmatched).toEqual([
      { menteeId: 'e-no', reason: 'no_consent' },
      { menteeId: 'e-su', reason: 'no_form' },
      { menteeId: 'e-tt', reason: 'no_capacity' },
    ]);
    expect(result.excludedMentors).toEqual([{ mentorId: 'm-no', reason: 'no_consent' }]);
  });

  it('lets a mentee with no forms take the mentor’s first form', () => {
    const result = suggest({ mentors: [mentor('m', { forms: [UU, TT] })], mentees: [mentee('e', { forms: [] })], preferences: [] });
    expect(result.suggestions[0]).toMatchObject({ mentorId: 'm', menteeId: 'e', form: UU, score: 5 });
  });

  it('fills a mentor up to its capacity and counts the places left', () => {
    const result = suggest({ mentors: [mentor('m', { capacityLeft: 3 })], mentees: [mentee('a'), mentee('b')], preferences: [] });
    expect(pairsOf(result)).toEqual(['m:a', 'm:b']);
    for (const s of result.suggestions) expect(s.reasons.at(-1)).toEqual({ code: 'capacity', text: 'У наставника остаётся мест: 1' });
  });

  it('refuses an id listed twice', () => {
    expect(() => suggest({ mentors: [mentor('m'), mentor('m')], mentees: [], preferences: [] })).toThrow(/listed twice/);
    expect(() => suggest({ mentors: [], mentees: [mentee('e'), mentee('e')], preferences: [] })).toThrow(/listed twice/);
  });

  it('answers nothing to suggest with empty lists', () => {
    expect(suggest({ mentors: [], mentees: [], preferences: [] })).toEqual({ suggestions: [], unmatched: [], excludedMentors: [] });
  });
});

describe('describePair', () => {
  const input: MatchingInput = {
    mentors: [mentor('m', { tags: ['ИКТ'], capacityLeft: 2 }), mentor('full', { capacityLeft: 0 }), mentor('no', { consentValid: false })],
    mentees: [mentee('e', { tags: ['ИКТ'] }), mentee('uu', { forms: [UU] })],
    preferences: [
      { personId: 'e', preferredId: 'm', rank: 3 },
      { personId: 'e', preferredId: 'm', rank: 2 },
    ],
  };
  it('scores and explains a pair picked by hand as suggest would', () => {
    expect(describePair(input, 'm', 'e')).toEqual({
      mentorId: 'm',
      menteeId: 'e',
      form: TT,
      score: 5 + 10 + 20 + 8,
      reasons: [
        { code: 'form', text: `Общая форма: ${TT}` },
        { code: 'mentee_prefers', text: 'Наставляемый выбрал этого наставника (2-й выбор)' },
        { code: 'tags', text: 'Совпадают запросы и компетенции: ИКТ' },
        { code: 'capacity', text: 'У наставника остаётся мест: 1' },
      ],
    });
    expect(describePair(input, 'full', 'e')?.reasons.at(-1)).toEqual({ code: 'capacity', text: 'У наставника нет свободных мест' });
  });
  it('is null without consent, without a shared form, or for an unknown person', () => {
    expect(describePair(input, 'no', 'e')).toBeNull();
    expect(describePair(input, 'm', 'uu')).toBeNull();
    expect(describePair(input, 'm', 'nobody')).toBeNull();
  });
});
