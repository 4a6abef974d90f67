import type { PairSummary } from '../pairs/types';

/*
 * The pairs board's filters (issue 14: «mine, form, mentor, stalled», not the roadmap's
 * responsible/status/overdue). A card is matched through its pair's summary, which the board
 * fetched with authorisation; a card whose pair is not known yet shows only while no filter
 * but the text is on (and the text then looks at its title alone).
 */
export type PairFilter = { text: string; mine: boolean; form: string; mentorId: string; stalled: boolean };
export const NO_PAIR_FILTER: PairFilter = { text: '', mine: false, form: '', mentorId: '', stalled: false };

export const isPairFiltering = (f: PairFilter) => !!(f.text.trim() || f.mine || f.form || f.mentorId || f.stalled);

type Card = { id: string; title: string };

export function matchesPairFilter(card: Card, pair: PairSummary | undefined, f: PairFilter): boolean {
  if (!pair) {
    if (f.mine || f.form || f.mentorId || f.stalled) return false;
  } else {
    if (f.mine && !pair.mine) return false;
    if (f.form && pair.form !== f.form) return false;
    if (f.mentorId && pair.mentor.personId !== f.mentorId) return false;
    if (f.stalled && !pair.stalled) return false;
  }
  const text = f.text.trim().toLowerCase();
  if (!text) return true;
  const hay = [card.title, ...(pair ? [pair.form, pair.mentor.name ?? '', ...pair.mentees.map((m) => m.name ?? ''), `№ ${pair.number}`] : [])]
    .join('\n')
    .toLowerCase();
  return hay.includes(text);
}

/** The forms and the (named) mentors on the board, for the filter's lists, sorted as Russian reads. */
export function pairFilterOptions(pairs: Iterable<PairSummary>): { forms: string[]; mentors: { id: string; name: string }[] } {
  const forms = new Set<string>();
  const mentors = new Map<string, string>();
  for (const p of pairs) {
    forms.add(p.form);
    if (p.mentor.name) mentors.set(p.mentor.personId, p.mentor.name);
  }
  const ru = (a: string, b: string) => a.localeCompare(b, 'ru');
  return {
    forms: [...forms].sort(ru),
    mentors: [...mentors].map(([id, name]) => ({ id, name })).sort((a, b) => ru(a.name, b.name)),
  };
}
