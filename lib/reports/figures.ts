import { ruPercentNumber, satisfaction } from '../surveys/satisfaction';
import { classifyExecution } from './roadmap';
import { daysInclusive, ruDate } from './rounds';
import type { Breakdown, Figure, FigureKey, Figures, ReportInputs, RoadmapExecution, Round } from './types';

/*
 * An organisation's figures for a round (rules of issue 16), from plain inputs gathered as of
 * the round's end. Each figure carries its formula in Russian with its numbers («как
 * посчитано»). Percentages: value = round(numerator ÷ denominator × 1000) ÷ 10, or null
 * («нет данных») when the denominator is 0 or unknown — never a division by zero.
 *
 * A pair is active in the round when it started by the round's end and had not ended before
 * its start. People count once per side (a mentor of two pairs is one mentor); participants
 * count once whatever their sides.
 */

export const FIGURE_LABELS: Record<FigureKey, string> = {
  participants: 'Участники',
  pairs: 'Пары',
  meetingsHeld: 'Встречи',
  menteeSatisfaction: 'Удовлетворённость наставляемых',
  mentorSatisfaction: 'Удовлетворённость наставников',
  studentCoverage: 'Охват обучающихся',
  youngSpecialistCoverage: 'Охват молодых специалистов',
  roadmapOnTime: 'Мероприятия дорожной карты, выполненные в срок',
  mentors: 'Наставники',
  mentees: 'Наставляемые',
  pairsCompleted: 'Завершённые пары',
  pairsTerminated: 'Пары, прекращённые досрочно',
  roadmapLate: 'Мероприятия, выполненные с опозданием',
  roadmapOverdue: 'Просроченные мероприятия',
};

export const STUDENT_CATEGORIES: readonly string[] = ['student', 'spo_student'];
export const MENTEE_SATISFACTION_TEMPLATE = 'mentee_satisfaction';
export const MENTOR_SATISFACTION_TEMPLATE = 'mentor_satisfaction';

/** A number in Russian print (decimal comma, up to one decimal). */
export const ru = (x: number): string => ruPercentNumber(x);

/** numerator ÷ denominator × 100, to 0.1; null when the denominator is 0 or unknown. */
export function percentOf(numerator: number, denominator: number | undefined | null): number | null {
  if (denominator === undefined || denominator === null || !Number.isFinite(denominator) || denominator <= 0 || !Number.isFinite(numerator)) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

export const countFigure = (value: number, formula: string): Figure => ({ kind: 'count', value, numerator: value, formula });

/**
 * A percent figure: `what` names the numerator and `of` the denominator in the formula;
 * `missing` explains a denominator not entered.
 */
export function percentFigure(key: FigureKey, numerator: number, denominator: number | null | undefined, what: string, of: string, missing: string): Figure {
  const label = FIGURE_LABELS[key];
  if (denominator === null || denominator === undefined) {
    return { kind: 'percent', value: null, numerator, formula: `${label}: нет данных — ${missing} (${what}: ${ru(numerator)}).` };
  }
  const value = percentOf(numerator, denominator);
  if (value === null) return { kind: 'percent', value: null, numerator, denominator, formula: `${label}: нет данных — ${of} равно 0 (${what}: ${ru(numerator)}).` };
  return { kind: 'percent', value, numerator, denominator, formula: `${label} = ${what} ${ru(numerator)} ÷ ${of} ${ru(denominator)} × 100 % = ${ru(value)} %` };
}

type Pair = ReportInputs['pairs'][number];

export const pairActiveIn = (p: Pair, round: Round): boolean => p.startedOn <= round.to && (p.endedOn === null || p.endedOn >= round.from);
const endedIn = (p: Pair, round: Round, status: Pair['status']) => p.status === status && p.endedOn !== null && p.endedOn >= round.from && p.endedOn <= round.to;

/** Meetings a pair is expected to hold in the round: its days active in the round ÷ its rhythm, rounded up, at least 1. */
export function expectedMeetings(p: Pair, round: Round): number {
  const from = p.startedOn > round.from ? p.startedOn : round.from;
  const to = p.endedOn !== null && p.endedOn < round.to ? p.endedOn : round.to;
  const days = daysInclusive(from, to);
  const rhythm = Number.isFinite(p.rhythmDays) && p.rhythmDays > 0 ? p.rhythmDays : null;
  if (rhythm === null) return 1;
  return Math.max(1, Math.ceil(days / rhythm));
}

const people = (pairs: readonly Pair[], side: 'mentor' | 'mentee', keep: (m: Pair['members'][number]) => boolean = () => true) =>
  new Set(pairs.flatMap((p) => p.members.filter((m) => m.side === side && keep(m)).map((m) => m.personId)));

function satisfactionFigure(key: 'menteeSatisfaction' | 'mentorSatisfaction', inputs: ReportInputs): Figure {
  const template = key === 'menteeSatisfaction' ? MENTEE_SATISFACTION_TEMPLATE : MENTOR_SATISFACTION_TEMPLATE;
  const s = satisfaction(
    inputs.surveys.filter((r) => r.template === template),
    inputs.satisfaction.formula,
    { threshold: inputs.satisfaction.threshold },
  );
  const text = s.formulaText.replace(/^Удовлетворённость/, FIGURE_LABELS[key]);
  const formula = s.value === null ? `${FIGURE_LABELS[key]}: нет данных — ${s.formulaText.replace(/^[^:]*:\s*/, '')}` : text;
  return { kind: 'percent', value: s.value, numerator: s.numerator, denominator: s.denominator, formula };
}

function breakdownOf(active: readonly Pair[]): Breakdown {
  const forms = new Map<string, Pair[]>();
  for (const p of active) {
    const list = forms.get(p.form);
    if (list) list.push(p);
    else forms.set(p.form, [p]);
  }
  const byForm = [...forms.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([form, ps]) => ({ form, pairs: ps.length, mentors: people(ps, 'mentor').size, mentees: people(ps, 'mentee').size }));
  const cats = new Map<string, Set<string>>();
  for (const p of active)
    for (const m of p.members) {
      const k = `${m.side}\u0000${m.category}`;
      if (!cats.has(k)) cats.set(k, new Set());
      cats.get(k)!.add(m.personId);
    }
  const byCategory = [...cats.entries()]
    .map(([k, set]) => {
      const [side, category] = k.split('\u0000') as ['mentor' | 'mentee', string];
      return { category, side, people: set.size };
    })
    .sort((a, b) => (a.side !== b.side ? (a.side === 'mentor' ? -1 : 1) : a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  return { byForm, byCategory };
}

export function computeFigures(inputs: ReportInputs): { figures: Figures; breakdown: Breakdown; execution: RoadmapExecution } {
  const { round } = inputs;
  const period = `${ruDate(round.from)} — ${ruDate(round.to)}`;
  const active = inputs.pairs.filter((p) => pairActiveIn(p, round));
  const activeIds = new Set(active.map((p) => p.id));

  const mentors = people(active, 'mentor');
  const mentees = people(active, 'mentee');
  const both = [...mentors].filter((id) => mentees.has(id)).length;
  const participants = mentors.size + mentees.size - both;

  const completed = inputs.pairs.filter((p) => endedIn(p, round, 'completed')).length;
  const terminated = inputs.pairs.filter((p) => endedIn(p, round, 'terminated')).length;

  const held = inputs.meetings.filter((m) => activeIds.has(m.pairId) && m.heldOn >= round.from && m.heldOn <= round.to).length;
  const expected = active.reduce((a, p) => a + expectedMeetings(p, round), 0);
  const heldShare = percentOf(held, expected);
  const meetingsHeld: Figure = {
    kind: 'count',
    value: held,
    numerator: held,
    denominator: expected,
    formula:
      `Встречи = проведено ${held} из ожидаемых ${expected}` +
      (heldShare === null ? '' : ` (${ru(heldShare)} %)`) +
      '; ожидаемые — по каждой действовавшей паре дни в периоде ÷ ритм встреч в днях, с округлением вверх, не меньше 1.',
  };

  const studentMentees = people(active, 'mentee', (m) => STUDENT_CATEGORIES.includes(m.category)).size;
  const youngMentees = people(active, 'mentee', (m) => m.youngSpecialist).size;
  const c = inputs.contingent;

  const execution = classifyExecution(inputs.activities, round);

  const figures: Figures = {
    participants: countFigure(
      participants,
      `Участники = уникальные участники пар, действовавших в периоде ${period}: наставников ${mentors.size} + наставляемых ${mentees.size}` +
        (both ? ` − в обеих ролях ${both}` : '') +
        ` = ${participants}`,
    ),
    pairs: countFigure(active.length, `Пары = пары, действовавшие в периоде ${period} (начаты не позже его окончания и не завершены до его начала): ${active.length}`),
    meetingsHeld,
    menteeSatisfaction: satisfactionFigure('menteeSatisfaction', inputs),
    mentorSatisfaction: satisfactionFigure('mentorSatisfaction', inputs),
    studentCoverage: percentFigure(
      'studentCoverage',
      studentMentees,
      c?.students,
      'наставляемые-обучающиеся',
      'контингент обучающихся',
      'контингент обучающихся не введён',
    ),
    youngSpecialistCoverage: percentFigure(
      'youngSpecialistCoverage',
      youngMentees,
      c?.youngSpecialists,
      'наставляемые — молодые специалисты',
      'молодых специалистов в организации',
      'число молодых специалистов не введено',
    ),
    roadmapOnTime: percentFigure(
      'roadmapOnTime',
      execution.onTime,
      execution.due,
      'выполнено в срок',
      `мероприятий со сроком до ${ruDate(round.to)}`,
      'нет мероприятий',
    ),
    mentors: countFigure(mentors.size, `Наставники = уникальные наставники пар, действовавших в периоде ${period}: ${mentors.size}`),
    mentees: countFigure(mentees.size, `Наставляемые = уникальные наставляемые пар, действовавших в периоде ${period}: ${mentees.size}`),
    pairsCompleted: countFigure(completed, `Завершённые пары = пары, завершённые в периоде ${period}: ${completed}`),
    pairsTerminated: countFigure(terminated, `Пары, прекращённые досрочно = пары, прекращённые в периоде ${period}: ${terminated}`),
    roadmapLate: countFigure(execution.late, `Мероприятия со сроком до ${ruDate(round.to)}, выполненные после срока: ${execution.late}`),
    roadmapOverdue: countFigure(execution.overdue, `Мероприятия со сроком до ${ruDate(round.to)}, не выполненные к ${ruDate(round.to)}: ${execution.overdue}`),
  };
  if (execution.due > 0) {
    figures.roadmapOnTime.formula += ` (с опозданием: ${execution.late}, просрочено: ${execution.overdue}; отменённые не считаются)`;
  }
  return { figures, breakdown: breakdownOf(active), execution };
}
