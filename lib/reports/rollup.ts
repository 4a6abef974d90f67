import { FIGURE_LABELS, percentOf, ru } from './figures';
import { FIGURE_KEYS, type Breakdown, type Figure, type FigureKey, type Figures, type RoadmapExecution } from './types';

/*
 * Roll-up of a municipality's or a region's figures (rules of issue 16): numerators and
 * denominators are summed and the percentage is computed again from the sums — never an
 * average of percentages (a school of 30 and one of 3,000 do not weigh the same). A child
 * whose percent figure has no denominator (a contingent not entered) is left out of that
 * figure and counted in `missing`; a roll-up rolled up again passes its own `missing` on,
 * so rolling up a region in one go or municipality by municipality gives the same figures.
 * A signed child contributes its frozen figures: the caller passes them.
 */

/** «по 1 организации», «по 2 организациям», «по 21 организации» (dative after «по»). */
export function byOrganisations(n: number): string {
  const one = n % 10 === 1 && n % 100 !== 11;
  return `по ${n} ${one ? 'организации' : 'организациям'}`;
}

function rollUpCount(key: FigureKey, parts: readonly Figure[]): Figure {
  const value = parts.reduce((a, f) => a + (f.value ?? 0), 0);
  const label = FIGURE_LABELS[key];
  const withDen = parts.filter((f) => f.denominator !== undefined);
  if (key === 'meetingsHeld') {
    const denominator = withDen.reduce((a, f) => a + f.denominator!, 0);
    const share = percentOf(value, denominator);
    return {
      kind: 'count',
      value,
      numerator: value,
      denominator,
      formula: `${label} = проведено ${value} из ожидаемых ${denominator}${share === null ? '' : ` (${ru(share)} %)`} — сумма ${byOrganisations(parts.length)}`,
    };
  }
  return { kind: 'count', value, numerator: value, formula: `${label} = ${value} — сумма ${byOrganisations(parts.length)}` };
}

function rollUpPercent(key: FigureKey, parts: readonly Figure[]): Figure {
  const label = FIGURE_LABELS[key];
  const included = parts.filter((f) => f.denominator !== undefined);
  const excluded = parts.filter((f) => f.denominator === undefined);
  // A leaf without a denominator is one organisation missing; a roll-up without one already counts its own.
  const missing = included.reduce((a, f) => a + (f.missing ?? 0), 0) + excluded.reduce((a, f) => a + (f.missing ?? 1), 0);
  const note = missing > 0 ? `; без ${missing} — нет знаменателя` : '';
  if (included.length === 0) {
    return { kind: 'percent', value: null, missing, formula: missing > 0 ? `${label}: нет данных — знаменатель не введён ни в одной из ${missing} ${missing % 10 === 1 && missing % 100 !== 11 ? 'организации' : 'организаций'}` : `${label}: нет данных — нет организаций` };
  }
  const numerator = included.reduce((a, f) => a + (f.numerator ?? 0), 0);
  const denominator = included.reduce((a, f) => a + f.denominator!, 0);
  const value = percentOf(numerator, denominator);
  const sum = `сумма ${byOrganisations(included.length)}${note}`;
  return {
    kind: 'percent',
    value,
    numerator,
    denominator,
    missing,
    formula:
      value === null
        ? `${label}: нет данных — знаменатель равен 0 (${sum})`
        : `${label} = ${ru(numerator)} ÷ ${ru(denominator)} × 100 % = ${ru(value)} % (${sum})`,
  };
}

/** Sums children's figures (and the organisation's own, when it has pairs or a roadmap of its own). */
export function rollUp(children: readonly Figures[], own?: Figures): Figures {
  const all = own ? [...children, own] : [...children];
  const out = {} as Figures;
  for (const key of FIGURE_KEYS) {
    const parts = all.map((f) => f[key]);
    out[key] = KIND[key] === 'percent' ? rollUpPercent(key, parts) : rollUpCount(key, parts);
  }
  return out;
}

const KIND: Record<FigureKey, Figure['kind']> = {
  participants: 'count',
  pairs: 'count',
  meetingsHeld: 'count',
  menteeSatisfaction: 'percent',
  mentorSatisfaction: 'percent',
  studentCoverage: 'percent',
  youngSpecialistCoverage: 'percent',
  roadmapOnTime: 'percent',
  mentors: 'count',
  mentees: 'count',
  pairsCompleted: 'count',
  pairsTerminated: 'count',
  roadmapLate: 'count',
  roadmapOverdue: 'count',
};
export const FIGURE_KINDS: Readonly<Record<FigureKey, Figure['kind']>> = KIND;

/**
 * Sums breakdowns. A person in pairs of two organisations counts in each (the banks are per
 * organisation), so the roll-up's people are person-organisation counts.
 */
export function rollUpBreakdown(children: readonly Breakdown[]): Breakdown {
  const forms = new Map<string, { form: string; pairs: number; mentors: number; mentees: number }>();
  const cats = new Map<string, { category: string; side: 'mentor' | 'mentee'; people: number }>();
  for (const b of children) {
    for (const f of b.byForm) {
      const cur = forms.get(f.form) ?? { form: f.form, pairs: 0, mentors: 0, mentees: 0 };
      forms.set(f.form, { form: f.form, pairs: cur.pairs + f.pairs, mentors: cur.mentors + f.mentors, mentees: cur.mentees + f.mentees });
    }
    for (const c of b.byCategory) {
      const k = `${c.side}\u0000${c.category}`;
      const cur = cats.get(k) ?? { category: c.category, side: c.side, people: 0 };
      cats.set(k, { ...cur, people: cur.people + c.people });
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    byForm: [...forms.values()].sort((a, b) => cmp(a.form, b.form)),
    byCategory: [...cats.values()].sort((a, b) => (a.side !== b.side ? (a.side === 'mentor' ? -1 : 1) : cmp(a.category, b.category))),
  };
}

/** Sums roadmap execution counts; the items stay with each school. */
export function rollUpExecution(children: readonly RoadmapExecution[]): RoadmapExecution {
  const sum = (k: 'due' | 'onTime' | 'late' | 'overdue' | 'notDue') => children.reduce((a, e) => a + e[k], 0);
  return { due: sum('due'), onTime: sum('onTime'), late: sum('late'), overdue: sum('overdue'), notDue: sum('notDue'), items: [] };
}
