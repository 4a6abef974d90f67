/*
 * TEMPORARY (issue 16, helper B): minimal stand-ins for helper A's pure lib/reports functions,
 * with the same names, so that db/queries/reports.ts runs and is tested before the merge. At
 * the merge the lead replaces `from './report-shim'` by `from '../../lib/reports'` in
 * db/queries/reports.ts and deletes this file. Keep it small; A's versions are the real ones.
 */
import { satisfaction } from '../../lib/surveys/satisfaction';
import {
  DEFAULT_AT_RISK,
  FIGURE_KEYS,
  type Breakdown,
  type Contingent,
  type Figure,
  type FigureKey,
  type Figures,
  type IndicatorLine,
  type IndicatorStatus,
  type ReportIndicator,
  type ReportInputs,
  type ReportWarning,
  type RoadmapActivity,
  type RoadmapExecution,
  type Round,
  type RoundKey,
} from '../../lib/reports/types';

// ---- rounds (A: lib/reports/rounds.ts) ----
export const ROUND_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The default dates of a round key ('Y-06': Jan–Jun, 'Y-12': Jul–Dec); null for another month. */
export function defaultRound(key: RoundKey): Round | null {
  const m = ROUND_KEY.exec(key);
  if (!m) return null;
  if (m[2] === '06') return { key, from: `${m[1]}-01-01`, to: `${m[1]}-06-30` };
  if (m[2] === '12') return { key, from: `${m[1]}-07-01`, to: `${m[1]}-12-31` };
  return null;
}
/** The default round whose period holds `today` (ISO date). */
export function currentRoundKey(today: string): RoundKey {
  return `${today.slice(0, 4)}-${Number(today.slice(5, 7)) <= 6 ? '06' : '12'}`;
}
/** The n default round keys before `key`, newest first. */
export function previousRoundKeys(key: RoundKey, n: number): RoundKey[] {
  const out: RoundKey[] = [];
  let y = Number(key.slice(0, 4));
  let half = Number(key.slice(5, 7)) <= 6 ? 0 : 1; // a key in Jan–Jun: its previous is (y-1)-12
  for (let i = 0; i < n; i++) {
    if (half === 1) half = 0;
    else {
      half = 1;
      y -= 1;
    }
    out.push(`${y}-${half ? '12' : '06'}`);
  }
  return out;
}
/** The end of the round's last day, Moscow time (UTC+3). */
export const roundEnd = (round: Round): Date => new Date(`${round.to}T23:59:59.999+03:00`);

// ---- figures (A: lib/reports/figures.ts, roadmap.ts) ----
const pct = (num: number, den: number | undefined) => (den === undefined || den === 0 ? null : Math.round((num / den) * 1000) / 10);
const count = (value: number, formula: string): Figure => ({ kind: 'count', value, numerator: value, formula });
const percent = (num: number, den: number | undefined, formula: string): Figure => ({ kind: 'percent', value: pct(num, den), numerator: num, ...(den === undefined ? {} : { denominator: den }), formula });
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;
const moscowDate = (iso: string) => new Date(Date.parse(iso) + 3 * 3600_000).toISOString().slice(0, 10);

export function classifyRoadmap(activities: RoadmapActivity[], round: Round): RoadmapExecution {
  const items = activities.map((a) => {
    const verdict: RoadmapExecution['items'][number]['verdict'] =
      a.status === 'cancelled' ? 'cancelled' : a.due === null || a.due > round.to ? 'not_due' : a.status === 'done' && a.doneAt ? (moscowDate(a.doneAt) <= a.due ? 'on_time' : 'late') : 'overdue';
    return { ...a, verdict };
  });
  const n = (v: string) => items.filter((i) => i.verdict === v).length;
  return { due: n('on_time') + n('late') + n('overdue'), onTime: n('on_time'), late: n('late'), overdue: n('overdue'), notDue: n('not_due'), items };
}

export function computeFigures(inputs: ReportInputs): { figures: Figures; breakdown: Breakdown; execution: RoadmapExecution } {
  const { round, pairs, contingent } = inputs;
  const side = (s: 'mentor' | 'mentee') => new Map(pairs.flatMap((p) => p.members.filter((m) => m.side === s).map((m) => [m.personId, m] as const)));
  const mentors = side('mentor');
  const mentees = side('mentee');
  const people = new Set([...mentors.keys(), ...mentees.keys()]);
  const students = [...mentees.values()].filter((m) => m.category === 'student' || m.category === 'spo_student').length;
  const young = [...mentees.values()].filter((m) => m.youngSpecialist).length;
  const expected = pairs.reduce((s, p) => {
    const from = p.startedOn > round.from ? p.startedOn : round.from;
    const to = p.endedOn && p.endedOn < round.to ? p.endedOn : round.to;
    return s + (to < from ? 0 : Math.ceil(days(from, to) / Math.max(1, p.rhythmDays)));
  }, 0);
  const held = inputs.meetings.length;
  const sat = (template: string) => satisfaction(inputs.surveys.filter((r) => r.template === template), inputs.satisfaction.formula, { threshold: inputs.satisfaction.threshold });
  const mentee = sat('mentee_satisfaction');
  const mentor = sat('mentor_satisfaction');
  const execution = classifyRoadmap(inputs.activities, round);
  const ended = (s: string) => pairs.filter((p) => p.status === s && p.endedOn !== null && p.endedOn >= round.from && p.endedOn <= round.to).length;
  const cov = (num: number, den: number | null | undefined, what: string) =>
    percent(num, den ?? undefined, den === null || den === undefined ? `${what} = ${num} ÷ контингент: нет данных (контингент не введён).` : `${what} = ${num} ÷ ${den} × 100 %.`);
  const figures: Figures = {
    participants: count(people.size, `Участники программы в парах, действовавших в период: ${people.size}.`),
    pairs: count(pairs.length, `Пары и группы, действовавшие в период: ${pairs.length}.`),
    meetingsHeld: { kind: 'count', value: held, numerator: held, denominator: expected, formula: `Встреч проведено ${held} из ${expected} ожидаемых по ритму пар.` },
    menteeSatisfaction: { kind: 'percent', value: mentee.value, numerator: mentee.numerator, denominator: mentee.denominator, formula: mentee.formulaText },
    mentorSatisfaction: { kind: 'percent', value: mentor.value, numerator: mentor.numerator, denominator: mentor.denominator, formula: mentor.formulaText },
    studentCoverage: cov(students, contingent?.students, 'Охват обучающихся'),
    youngSpecialistCoverage: cov(young, contingent?.youngSpecialists, 'Охват молодых специалистов'),
    roadmapOnTime: percent(execution.onTime, execution.due, `Мероприятия, выполненные в срок: ${execution.onTime} из ${execution.due} со сроком до конца периода.`),
    mentors: count(mentors.size, `Наставники: ${mentors.size}.`),
    mentees: count(mentees.size, `Наставляемые: ${mentees.size}.`),
    pairsCompleted: count(ended('completed'), `Пары, завершённые в период: ${ended('completed')}.`),
    pairsTerminated: count(ended('terminated'), `Пары, прекращённые досрочно в период: ${ended('terminated')}.`),
    roadmapLate: count(execution.late, `Мероприятия, выполненные с опозданием: ${execution.late}.`),
    roadmapOverdue: count(execution.overdue, `Мероприятия просрочены: ${execution.overdue}.`),
  };
  const forms = [...new Set(pairs.map((p) => p.form))].sort();
  const breakdown: Breakdown = {
    byForm: forms.map((form) => {
      const ps = pairs.filter((p) => p.form === form);
      const ids = (s: string) => new Set(ps.flatMap((p) => p.members.filter((m) => m.side === s).map((m) => m.personId))).size;
      return { form, pairs: ps.length, mentors: ids('mentor'), mentees: ids('mentee') };
    }),
    byCategory: (['mentor', 'mentee'] as const).flatMap((s) => {
      const by = new Map<string, number>();
      for (const m of (s === 'mentor' ? mentors : mentees).values()) by.set(m.category, (by.get(m.category) ?? 0) + 1);
      return [...by].map(([category, people]) => ({ category, side: s, people }));
    }),
  };
  return { figures, breakdown, execution };
}

// ---- roll-up (A: lib/reports/rollup.ts) ----
export function rollUp(children: Figures[]): Figures {
  const out = {} as Figures;
  for (const key of FIGURE_KEYS) {
    const fs = children.map((c) => c[key]).filter(Boolean);
    const kind = fs[0]?.kind ?? 'count';
    const withDen = fs.filter((f) => f.denominator !== undefined);
    const missing = fs.length - withDen.length;
    const num = withDen.reduce((s, f) => s + (f.numerator ?? f.value ?? 0), 0);
    const den = withDen.reduce((s, f) => s + (f.denominator ?? 0), 0);
    if (kind === 'count') {
      const value = fs.reduce((s, f) => s + (f.value ?? 0), 0);
      out[key] = { kind, value, numerator: value, ...(key === 'meetingsHeld' ? { denominator: den } : {}), formula: `Сумма по организациям: ${value}.` };
    } else {
      out[key] = { kind, value: pct(num, withDen.length ? den : undefined), numerator: num, ...(withDen.length ? { denominator: den } : {}), formula: `Сумма числителей ${num} ÷ сумма знаменателей ${den} × 100 %.`, ...(missing ? { missing } : {}) };
    }
  }
  return out;
}

// ---- indicators (A: lib/reports/indicators.ts, status.ts) ----
export const indicatorKey = (title: string) => title.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
export function guessLink(title: string): FigureKey | null {
  const t = indicatorKey(title);
  if (/молод\S* специалист/.test(t)) return 'youngSpecialistCoverage';
  if (/удовлетвор/.test(t)) return /наставляем/.test(t) ? 'menteeSatisfaction' : /наставник/.test(t) ? 'mentorSatisfaction' : null;
  if (/(обучающ|учащ|школьник|дет)/.test(t) && /(вовлеч|охват|доля)/.test(t) && !/наставник/.test(t)) return 'studentCoverage';
  if (/дорожн\S* карт|мероприят/.test(t)) return 'roadmapOnTime';
  return null;
}
export function indicatorStatus(actual: number | null, target: number | null, atRisk = DEFAULT_AT_RISK): IndicatorStatus {
  if (target === null) return 'no_target';
  if (actual === null) return 'no_data';
  return actual >= target ? 'on_track' : actual >= target * atRisk ? 'at_risk' : 'behind';
}
/** Indicators of several roadmaps and the manual ones, merged by key; differing targets → conflict. */
export function mergeIndicators(lists: ReportIndicator[][]): ReportIndicator[] {
  const by = new Map<string, ReportIndicator>();
  for (const ind of lists.flat()) {
    const was = by.get(ind.key);
    if (!was) by.set(ind.key, { ...ind });
    else if (JSON.stringify(was.targets) !== JSON.stringify(ind.targets)) was.conflict = `Цели показателя «${ind.title}» в двух дорожных картах различаются.`;
  }
  return [...by.values()];
}
export function indicatorLines(
  indicators: ReportIndicator[],
  figures: Figures,
  round: RoundKey,
  actuals: Map<string, { value: number | null; note: string | null }>,
  trend: { round: RoundKey; figures: Figures | null; actuals: Map<string, { value: number | null }> }[],
): IndicatorLine[] {
  const year = round.slice(0, 4);
  const actualOf = (i: ReportIndicator, f: Figures | null, a: Map<string, { value: number | null }>) => (i.link === 'manual' ? (a.get(i.key)?.value ?? null) : i.link && f ? f[i.link].value : null);
  return indicators.map((i) => {
    const target = i.targets[year] ?? null;
    const actual = actualOf(i, figures, actuals);
    return {
      key: i.key,
      title: i.title,
      unit: i.unit,
      link: i.link,
      target,
      actual,
      note: actuals.get(i.key)?.note ?? null,
      status: indicatorStatus(actual, target),
      trend: trend.map((t) => ({ round: t.round, actual: actualOf(i, t.figures, t.actuals), target: i.targets[t.round.slice(0, 4)] ?? null })),
      conflict: i.conflict,
    };
  });
}

// ---- contingent (A: lib/reports/contingent.ts) ----
export function contingentWarnings(contingent: Contingent | null, figures: Figures): ReportWarning[] {
  if (!contingent) return [{ code: 'CONTINGENT_MISSING', message: 'Контингент за период не введён: охват показан как «нет данных».' }];
  const out: ReportWarning[] = [];
  const check = (den: number | null, key: 'studentCoverage' | 'youngSpecialistCoverage', what: string) => {
    const num = figures[key].numerator ?? 0;
    if (den === null) out.push({ code: 'CONTINGENT_MISSING', message: `Не введено число: ${what}.`, figure: key });
    else if (den < num) out.push({ code: 'CONTINGENT_TOO_SMALL', message: `Контингент (${what}: ${den}) меньше числа участников программы (${num}).`, figure: key });
  };
  check(contingent.students, 'studentCoverage', 'обучающиеся');
  check(contingent.youngSpecialists, 'youngSpecialistCoverage', 'молодые специалисты');
  return out;
}
