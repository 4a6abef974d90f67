import type { Indicator } from '../board/doc';
import { ru } from './figures';
import { indicatorStatus } from './status';
import { FIGURE_KEYS, type FigureKey, type Figures, type IndicatorLine, type ReportIndicator, type ReportWarning, type Round, type RoundKey } from './types';

/*
 * Indicators against targets (rules of issue 16). A roadmap's indicators (board meta,
 * imported from its document or typed in) and those added by hand get a stable key from
 * their title, so that the same indicator in two roadmaps of one organisation is one line,
 * and a link to a computed figure: set by a person, else guessed from the Russian wording.
 * When no figure fits, the actual is entered by hand with a note ('manual').
 * Targets are by year 'YYYY'; a round 'YYYY-MM' takes the target of year YYYY.
 */

/** A stable key from a title: lower case, ё → е, every run of punctuation or spaces → one space. */
export function normaliseIndicatorKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The figure an indicator's title speaks of, or null when none clearly fits (then a person
 * links it or enters its actual by hand). Cautious on purpose: a share of students acting as
 * mentors, of teachers under 35, or a count of organisations has no figure.
 */
export function guessLink(title: string): FigureKey | null {
  const words = normaliseIndicatorKey(title).split(' ').filter(Boolean);
  const stem = (...prefixes: string[]) => words.some((w) => prefixes.some((p) => w.startsWith(p)));
  const word = (...ws: string[]) => words.some((w) => ws.includes(w));
  const isCount = word('количество', 'число', 'кол', 'численность');
  const isShare = word('доля', 'процент', 'охват', 'удельный') || stem('охвач');
  const mentors = stem('наставник'); // «наставничества» does not start with it
  const mentees = stem('наставляем');

  if (stem('удовлетвор')) {
    if (mentees && !mentors) return 'menteeSatisfaction';
    if (mentors && !mentees) return 'mentorSatisfaction';
    return null;
  }
  if ((stem('дорожн') && stem('карт') && stem('выполн', 'исполн', 'реализ')) || (stem('мероприят') && stem('выполн', 'исполн') && (isShare || stem('срок')))) {
    return 'roadmapOnTime';
  }
  // meetingsHeld is a count: a share of meetings is not it.
  if (stem('встреч')) return isShare ? null : 'meetingsHeld';
  if (word('пар', 'пары', 'пара')) {
    if (!isCount) return null;
    if (stem('заверш')) return 'pairsCompleted';
    // Terminated pairs are a figure where less is better: the status rule (actual ≥ target) would
    // call more of them «в графике», so such an indicator is not linked by a guess.
    if (stem('прекращ', 'прекрат', 'расторг', 'досрочн')) return null;
    return 'pairs';
  }
  if (stem('молод') && stem('специалист', 'педагог')) return isCount ? null : 'youngSpecialistCoverage';
  if (isShare && stem('обучающ', 'учащ', 'студент', 'школьник') && !mentors && !stem('педагог', 'учител', 'работник', 'работодател') && stem('вовлеч', 'охвач', 'наставничеств', 'программ')) {
    return 'studentCoverage';
  }
  if (isCount && !stem('организац', 'учрежден', 'школ', 'предприят')) {
    if (mentors && !mentees) return 'mentors';
    if (mentees && !mentors) return 'mentees';
    if (stem('участник')) return 'participants';
  }
  return null;
}

/** The target of the round's year (year YYYY of 'YYYY-MM'), or null. */
export function targetFor(targets: Readonly<Record<string, number>>, round: Round | RoundKey): number | null {
  const year = (typeof round === 'string' ? round : round.key).slice(0, 4);
  const t = Object.prototype.hasOwnProperty.call(targets, year) ? targets[year] : undefined;
  return typeof t === 'number' && Number.isFinite(t) ? t : null;
}

export type BoardIndicators = { boardId: string; boardTitle: string; indicators: readonly Indicator[] };
export type ManualIndicator = { key: string; title: string; unit: string | null; targets: Record<string, number> };
/** Links set by a person, by indicator key (null = deliberately not linked). */
export type IndicatorLinks = Readonly<Record<string, FigureKey | 'manual' | null>>;

const isFigureKey = (x: unknown): x is FigureKey => typeof x === 'string' && (FIGURE_KEYS as readonly string[]).includes(x);

/**
 * One list of an organisation's indicators: the roadmaps' first (in the order given), merged
 * by key, then those added by hand. Targets of the same indicator in two roadmaps are joined
 * year by year; where they differ the first roadmap's stands and `conflict` names both.
 * An indicator added by hand whose key a roadmap already has is left out: the roadmap is its source.
 */
export function mergeIndicators(fromBoards: readonly BoardIndicators[], manual: readonly ManualIndicator[], links: IndicatorLinks): ReportIndicator[] {
  type Acc = ReportIndicator & { sources: Map<string, { boardTitle: string; value: number }> };
  const byKey = new Map<string, Acc>();
  const conflicts = new Map<string, string[]>();
  for (const b of fromBoards) {
    for (const ind of b.indicators) {
      const key = normaliseIndicatorKey(ind.title);
      if (!key) continue;
      let acc = byKey.get(key);
      if (!acc) {
        acc = { key, title: ind.title, unit: ind.unit, targets: {}, origin: { kind: 'board', boardId: b.boardId, boardTitle: b.boardTitle }, link: null, guessed: false, conflict: null, sources: new Map() };
        byKey.set(key, acc);
      }
      for (const [year, value] of Object.entries(ind.targets)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const first = acc.sources.get(year);
        if (!first) {
          acc.sources.set(year, { boardTitle: b.boardTitle, value });
          acc.targets[year] = value;
        } else if (first.value !== value && first.boardTitle !== b.boardTitle) {
          const list = conflicts.get(key) ?? [];
          list.push(`на ${year} год «${first.boardTitle}» — ${ru(first.value)}, «${b.boardTitle}» — ${ru(value)}`);
          conflicts.set(key, list);
        }
      }
    }
  }
  const out: ReportIndicator[] = [...byKey.values()].map(({ sources, ...ind }) => {
    const c = conflicts.get(ind.key);
    if (!c) return ind;
    const used = c.length === 1 ? 'в отчёте — цель первой' : 'в отчёте — цели первой';
    return { ...ind, conflict: `Дорожные карты расходятся в цели «${ind.title}»: ${c.join('; ')}; ${used} из них.` };
  });
  for (const m of manual) {
    const key = m.key || normaliseIndicatorKey(m.title);
    if (!key || byKey.has(key) || out.some((i) => i.key === key)) continue;
    out.push({ key, title: m.title, unit: m.unit, targets: { ...m.targets }, origin: { kind: 'manual' }, link: null, guessed: false, conflict: null });
  }
  return out.map((ind) => {
    if (Object.prototype.hasOwnProperty.call(links, ind.key)) {
      const l = links[ind.key];
      return { ...ind, link: l === 'manual' || isFigureKey(l) ? l : null, guessed: false };
    }
    const g = guessLink(ind.title);
    return { ...ind, link: g, guessed: g !== null };
  });
}

/** A round's actuals entered by hand, by indicator key. */
export type ManualActuals = Readonly<Record<string, { value: number | null; note: string | null }>>;

function actualOf(ind: ReportIndicator, figures: Figures | null, actuals: ManualActuals): number | null {
  if (ind.link === 'manual') return actuals[ind.key]?.value ?? null;
  if (ind.link === null || !figures) return null;
  return figures[ind.link]?.value ?? null;
}

/**
 * Each indicator's line for the round: target of the round's year, actual (the linked
 * figure's value, or the one entered by hand), status and the trend over `previous`
 * (oldest first; pass signed figures for signed rounds).
 */
export function indicatorLines(
  indicators: readonly ReportIndicator[],
  figures: Figures,
  actuals: ManualActuals,
  round: Round,
  previous: readonly { round: Round; figures: Figures | null; actuals: ManualActuals }[] = [],
  atRisk?: number,
): IndicatorLine[] {
  const prev = [...previous].filter((p) => p.round.key < round.key).sort((a, b) => (a.round.key < b.round.key ? -1 : 1));
  return indicators.map((ind) => {
    const target = targetFor(ind.targets, round);
    const actual = actualOf(ind, figures, actuals);
    return {
      key: ind.key,
      title: ind.title,
      unit: ind.unit,
      link: ind.link,
      target,
      actual,
      note: actuals[ind.key]?.note ?? null,
      status: indicatorStatus(actual, target, atRisk),
      trend: prev.map((p) => ({ round: p.round.key, actual: actualOf(ind, p.figures, p.actuals), target: targetFor(ind.targets, p.round) })),
      conflict: ind.conflict,
      guessed: ind.guessed,
      origin: ind.origin,
    };
  });
}

/** Sets each figure's `target` from the first indicator linked to it that has a target for the round. */
export function withTargets(figures: Figures, indicators: readonly ReportIndicator[], round: Round): Figures {
  const out = { ...figures };
  for (const ind of indicators) {
    if (!isFigureKey(ind.link) || out[ind.link].target !== undefined) continue;
    const t = targetFor(ind.targets, round);
    if (t !== null) out[ind.link] = { ...out[ind.link], target: t };
  }
  return out;
}

/** TARGET_CONFLICT warnings for the report. */
export const conflictWarnings = (indicators: readonly ReportIndicator[]): ReportWarning[] =>
  indicators.filter((i) => i.conflict).map((i) => ({ code: 'TARGET_CONFLICT', message: i.conflict!, indicator: i.key }));
