/*
 * The globally optimal assignment of mentees to mentors, pure.
 *
 * Objective, lexicographic: first as many mentees matched as possible, then the largest total
 * score among those assignments. It is solved as a minimum-cost MAXIMUM flow (flow.ts) on
 *   source → each mentee (capacity 1) → each allowed mentor (capacity 1, cost TOP − score)
 *          → sink (capacity capacityLeft)
 * where TOP bounds the score any pair of these people could have, so every cost is ≥ 0. Every
 * unit of flow crosses exactly one mentee → mentor edge, so a flow of value k costs
 * k·TOP − (its total score):
 * among flows of the same value the cheapest has the largest score, and the flow is maximum,
 * so the number matched comes first. (This is the same as giving every allowed edge a bonus
 * larger than any sum of scores and maximising the weight; the flow needs no such constant.)
 *
 * Allowed edges: both have a valid consent, the mentor has a place left (capacityLeft ≥ 1),
 * the two are different people and they share a form (score.ts). No edge is pruned: the
 * graph has every allowed pair, so the optimum is over all of them (bench/matching.ts: 2,000
 * mentees × 500 mentors in well under the 2 s the issue asks for). The scores are computed
 * here on integer ids of forms and tags, the same points as score.ts's scorePair (the tests
 * hold every suggestion's score and words to scorePair's).
 *
 * Determinism: mentors and mentees are taken in the order of their ids (code units), and the
 * flow's choices depend only on the graph's order, so the same input — in any order — gives the
 * same suggestions; among equally good assignments the ids' order decides which one comes out.
 */
import { MinCostFlow } from './flow';
import { reasonsFor } from './reasons';
import {
  FORM_POINTS,
  formKey,
  keysMatch,
  MUTUAL_POINTS,
  preferencePoints,
  rankBonus,
  tagKey,
  TAG_POINTS,
  validRank,
  type FormMatch,
  type PairScore,
} from './score';
import type { MatchingInput, MatchingResult, MentorCandidate, Suggestion } from './types';

const byId = <T extends { personId: string }>(a: T, b: T) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);

/** A mentor's places: capacityLeft as a whole number ≥ 0 (anything else takes no one). */
export const placesOf = (m: MentorCandidate) =>
  typeof m.capacityLeft === 'number' && Number.isFinite(m.capacityLeft) ? Math.max(0, Math.floor(m.capacityLeft)) : 0;

function assertUnique(people: { personId: string }[], what: string) {
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.personId)) throw new Error(`matching: ${what} ${p.personId} is listed twice`);
    seen.add(p.personId);
  }
}

/** Ranks by (mentee index, mentor index) among the eligible: the best (lowest) rank when named twice. */
function rankTables(preferences: MatchingInput['preferences'], menteeAt: Map<string, number>, mentorAt: Map<string, number>) {
  const menteeRanks: (Map<number, number> | undefined)[] = []; // [mentee] → mentor → the mentee's rank for it
  const mentorRanks: (Map<number, number> | undefined)[] = []; // [mentor] → mentee → the mentor's rank for it
  const put = (table: (Map<number, number> | undefined)[], i: number, j: number, rank: number) => {
    const row = (table[i] ??= new Map());
    const had = row.get(j);
    if (had === undefined || rank < had) row.set(j, rank);
  };
  for (const p of preferences) {
    if (!p || !validRank(p.rank)) continue;
    const asMentee = menteeAt.get(p.personId);
    const namedMentor = mentorAt.get(p.preferredId);
    if (asMentee !== undefined && namedMentor !== undefined) put(menteeRanks, asMentee, namedMentor, p.rank);
    const asMentor = mentorAt.get(p.personId);
    const namedMentee = menteeAt.get(p.preferredId);
    if (asMentor !== undefined && namedMentee !== undefined) put(mentorRanks, asMentor, namedMentee, p.rank);
  }
  return { menteeRanks, mentorRanks };
}

/** Ids for distinct keys, in the order first met. */
class Vocabulary {
  readonly keys: string[] = [];
  private ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }
}

/** A form or a request: its key's id, and the first spelling of it (trimmed). */
type Entry = { id: number; text: string };

/** Each distinct key among `values` once, in their order, with its first spelling; blank keys dropped. */
function entries(values: readonly string[], keyOf: (v: string) => string, vocabulary: Vocabulary): Entry[] {
  const seen = new Set<number>();
  const out: Entry[] = [];
  for (const value of values) {
    const key = keyOf(value);
    if (key === '') continue;
    const id = vocabulary.id(key);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, text: value.trim() });
  }
  return out;
}

/** The largest score any pair can have with these mentees (the flow's costs are TOP − score ≥ 0). */
const topScore = (mostRequests: number) => FORM_POINTS + TAG_POINTS * mostRequests + MUTUAL_POINTS + 2 * rankBonus(1);

export function assign(input: MatchingInput): MatchingResult {
  assertUnique(input.mentors, 'mentor');
  assertUnique(input.mentees, 'mentee');
  const allMentors = [...input.mentors].sort(byId);
  const allMentees = [...input.mentees].sort(byId);
  const mentors = allMentors.filter((m) => m.consentValid === true);
  const mentees = allMentees.filter((m) => m.consentValid === true);
  const M = mentors.length;
  const N = mentees.length;
  const mentorAt = new Map(mentors.map((m, i) => [m.personId, i]));
  const menteeAt = new Map(mentees.map((m, i) => [m.personId, i]));
  const { menteeRanks, mentorRanks } = rankTables(input.preferences ?? [], menteeAt, mentorAt);

  // Forms and tags as small integer ids, so the mentees × mentors loop compares numbers only.
  const forms = new Vocabulary();
  const requests = new Vocabulary();
  const competencies = new Vocabulary();
  const menteeForms = mentees.map((m) => entries(m.forms, formKey, forms));
  const menteeRequests = mentees.map((m) => entries(m.tags, tagKey, requests));
  const mentorForms = mentors.map((m) => entries(m.forms, formKey, forms));
  const mentorCompetencies = mentors.map((m) => entries(m.tags, tagKey, competencies));
  const F = forms.keys.length;
  const R = requests.keys.length;
  const offers = new Uint8Array(M * F); // [mentor·F + form]
  mentorForms.forEach((list, j) => list.forEach((f) => (offers[j * F + f.id] = 1)));
  // which requests each competency covers, then which requests each mentor covers
  const coversOf = competencies.keys.map((c) => requests.keys.flatMap((r, i) => (keysMatch(r, c) ? [i] : [])));
  const covers = new Uint8Array(M * R); // [mentor·R + request]
  mentorCompetencies.forEach((list, j) => list.forEach((c) => coversOf[c.id]!.forEach((r) => (covers[j * R + r] = 1))));

  /** The form mentee i and mentor j would work in (score.ts sharedForm, on ids), or null. */
  const formOf = (i: number, j: number): FormMatch | null => {
    const mine = menteeForms[i]!;
    const theirs = mentorForms[j]!;
    if (mine.length === 0) return theirs.length ? { form: theirs[0]!.text, how: 'mentor_only' } : null;
    if (theirs.length === 0) return { form: mine[0]!.text, how: 'mentee_only' };
    for (const f of mine) if (offers[j * F + f.id]) return { form: f.text, how: 'shared' };
    return null;
  };

  // The flow: 0 source, 1…N mentees, N+1…N+M mentors, N+M+1 sink.
  const places = mentors.map(placesOf);
  const source = 0;
  const sink = N + M + 1;
  const flow = new MinCostFlow(N + M + 2, N + M + N * Math.min(M, 64));
  const top = topScore(menteeRequests.reduce((most, list) => Math.max(most, list.length), 0));
  for (let i = 0; i < N; i++) flow.addEdge(source, 1 + i, 1, 0);
  for (let j = 0; j < M; j++) if (places[j]! > 0) flow.addEdge(1 + N + j, sink, places[j]!, 0);
  const firstPairEdge = flow.edgeCount;
  const edgeMentee: number[] = [];
  const edgeMentor: number[] = [];
  const sharesForm = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const myForms = menteeForms[i]!;
    const myRequests = menteeRequests[i]!;
    const myRanks = menteeRanks[i];
    const id = mentees[i]!.personId;
    for (let j = 0; j < M; j++) {
      const theirForms = mentorForms[j]!;
      let allowed: boolean;
      if (myForms.length === 0) allowed = theirForms.length > 0;
      else if (theirForms.length === 0) allowed = true;
      else {
        allowed = false;
        for (const f of myForms) {
          if (offers[j * F + f.id]) {
            allowed = true;
            break;
          }
        }
      }
      if (!allowed || mentors[j]!.personId === id) continue;
      sharesForm[i] = 1;
      if (places[j] === 0) continue;
      let covered = 0;
      for (const r of myRequests) covered += covers[j * R + r.id]!;
      const score = FORM_POINTS + TAG_POINTS * covered + preferencePoints(myRanks?.get(j), mentorRanks[j]?.get(i));
      flow.addEdge(1 + i, 1 + N + j, 1, top - score);
      edgeMentee.push(i);
      edgeMentor.push(j);
    }
  }
  flow.run(source, sink);

  const chosen: { mentor: number; mentee: number }[] = [];
  for (let e = 0; e < edgeMentee.length; e++) {
    if (flow.flowOn(firstPairEdge + e) > 0) chosen.push({ mentee: edgeMentee[e]!, mentor: edgeMentor[e]! });
  }
  const taken = new Array<number>(M).fill(0);
  for (const c of chosen) taken[c.mentor]!++;
  const matched = new Uint8Array(N);
  const suggestions: Suggestion[] = chosen.map(({ mentor: j, mentee: i }) => {
    matched[i] = 1;
    // the pair's score with its details, from the same ids as its edge
    const form = formOf(i, j)!;
    const tags = menteeRequests[i]!.filter((r) => covers[j * R + r.id]).map((r) => r.text);
    const menteeRank = menteeRanks[i]?.get(j);
    const mentorRank = mentorRanks[j]?.get(i);
    const score: PairScore = {
      ...form,
      score: FORM_POINTS + TAG_POINTS * tags.length + preferencePoints(menteeRank, mentorRank),
      tags,
      ...(menteeRank !== undefined ? { menteeRank } : {}),
      ...(mentorRank !== undefined ? { mentorRank } : {}),
    };
    return {
      mentorId: mentors[j]!.personId,
      menteeId: mentees[i]!.personId,
      form: score.form,
      score: score.score,
      reasons: reasonsFor(score, places[j]! - taken[j]!),
    };
  });
  suggestions.sort((a, b) => (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : 0));

  const unmatched: MatchingResult['unmatched'] = [];
  let k = 0;
  for (const m of allMentees) {
    if (m.consentValid !== true) unmatched.push({ menteeId: m.personId, reason: 'no_consent' });
    else {
      const i = k++;
      if (!matched[i]) unmatched.push({ menteeId: m.personId, reason: sharesForm[i] ? 'no_capacity' : 'no_form' });
    }
  }
  const excludedMentors = allMentors.filter((m) => m.consentValid !== true).map((m) => ({ mentorId: m.personId, reason: 'no_consent' as const }));
  return { suggestions, unmatched, excludedMentors };
}
