import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFigures, expectedMeetings, percentOf } from './figures';
import { roundOf } from './rounds';
import { FIGURE_KEYS, type ReportInputs } from './types';

type Pair = ReportInputs['pairs'][number];
const dec = roundOf('2024-12'); // 2024-07-01 … 2024-12-31, 184 days

const pair = (id: string, over: Partial<Pair> = {}): Pair => ({
  id,
  form: 'teacher_teacher',
  status: 'active',
  startedOn: '2024-09-01',
  endedOn: null,
  rhythmDays: 14,
  members: [
    { personId: `${id}-mentor`, side: 'mentor', category: 'teacher', youngSpecialist: false },
    { personId: `${id}-mentee`, side: 'mentee', category: 'teacher', youngSpecialist: true },
  ],
  ...over,
});
const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  round: dec,
  pairs: [],
  meetings: [],
  surveys: [],
  contingent: null,
  satisfaction: { formula: 'mean', threshold: 7 },
  activities: [],
  ...over,
});
const menteeAnswers = (n: number) => ({ comfort: n, meetings_useful: n, mentor_help: n, clarity: n, joint_work: n, expectations: n, effectiveness: n, glad: true });

describe('computeFigures: a school’s December', () => {
  const students = (id: string, k: number): Pair['members'] =>
    Array.from({ length: k }, (_, i) => ({ personId: `${id}-s${i}`, side: 'mentee' as const, category: i % 2 ? 'spo_student' : 'student', youngSpecialist: false }));
  const x = inputs({
    pairs: [
      pair('p1'), // teacher–teacher with a young specialist, 1 Sep → open: 122 days ÷ 14 → 9 meetings expected
      pair('p2', { form: 'student_student', rhythmDays: 7, startedOn: '2024-01-10', members: [{ personId: 'p2-mentor', side: 'mentor', category: 'student', youngSpecialist: false }, ...students('p2', 3)] }), // whole round: 184 ÷ 7 → 27
      pair('p3', { status: 'completed', startedOn: '2024-02-01', endedOn: '2024-07-05', rhythmDays: 30 }), // 5 days → at least 1
      pair('p4', { status: 'terminated', startedOn: '2024-10-01', endedOn: '2024-10-20', members: [{ personId: 'p1-mentor', side: 'mentor', category: 'teacher', youngSpecialist: false }, { personId: 'p2-mentor', side: 'mentee', category: 'student', youngSpecialist: false }] }), // 20 ÷ 14 → 2
      pair('old', { status: 'completed', startedOn: '2023-09-01', endedOn: '2024-06-30' }), // ended before the round
      pair('future', { startedOn: '2025-01-10' }),
    ],
    meetings: [
      { pairId: 'p1', heldOn: '2024-09-15' },
      { pairId: 'p1', heldOn: '2024-12-31' },
      { pairId: 'p1', heldOn: '2025-01-02' }, // after the round
      { pairId: 'p2', heldOn: '2024-07-01' },
      { pairId: 'old', heldOn: '2024-07-10' }, // not an active pair
    ],
    surveys: [
      { template: 'mentee_satisfaction', answers: menteeAnswers(8) },
      { template: 'mentee_satisfaction', answers: menteeAnswers(6) },
      { template: 'mentor_satisfaction', answers: { comfort: 10 } },
    ],
    contingent: { students: 40, teachers: 30, youngSpecialists: 2, studentsBand: '10–18 лет' },
    activities: [
      { boardId: 'b', cardId: 'a1', title: 'Приказ', due: '2024-09-30', status: 'done', doneAt: '2024-09-20T10:00:00Z' },
      { boardId: 'b', cardId: 'a2', title: 'Отчёт', due: '2024-11-30', status: 'todo', doneAt: null },
      { boardId: 'b', cardId: 'a3', title: 'Конференция', due: '2025-03-01', status: 'todo', doneAt: null },
    ],
  });
  const { figures: f, breakdown, execution } = computeFigures(x);

  it('counts pairs and people active in the round', () => {
    expect(f.pairs.value).toBe(4);
    expect(f.mentors.value).toBe(3); // p1, p2, p3 mentors; p4's mentor is p1's
    expect(f.mentees.value).toBe(6); // p1, p3 mentees, 3 students of p2, p2's mentor as p4's mentee
    expect(f.participants.value).toBe(8); // p2-mentor is in both roles
    expect(f.participants.formula).toBe('Участники = уникальные участники пар, действовавших в периоде 01.07.2024 — 31.12.2024: наставников 3 + наставляемых 6 − в обеих ролях 1 = 8');
    expect(f.pairsCompleted.value).toBe(1);
    expect(f.pairsTerminated.value).toBe(1);
  });

  it('compares meetings held with those expected', () => {
    expect(f.meetingsHeld).toMatchObject({ kind: 'count', value: 3, numerator: 3, denominator: 9 + 27 + 1 + 2 });
    expect(f.meetingsHeld.formula).toContain('проведено 3 из ожидаемых 39 (7,7 %)');
  });

  it('computes coverage against the contingent, with its formula', () => {
    expect(f.studentCoverage).toMatchObject({ kind: 'percent', value: 10, numerator: 4, denominator: 40 });
    expect(f.studentCoverage.formula).toBe('Охват обучающихся = наставляемые-обучающиеся 4 ÷ контингент обучающихся 40 × 100 % = 10 %');
    expect(f.youngSpecialistCoverage).toMatchObject({ value: 100, numerator: 2, denominator: 2 });
  });

  it('takes satisfaction from the surveys of each template', () => {
    expect(f.menteeSatisfaction).toMatchObject({ value: 70, numerator: 7 * 8 + 7 * 6, denominator: 140 });
    expect(f.menteeSatisfaction.formula).toMatch(/^Удовлетворённость наставляемых = /);
    expect(f.mentorSatisfaction).toMatchObject({ value: 100, numerator: 10, denominator: 10 });
    const share = computeFigures({ ...x, satisfaction: { formula: 'share', threshold: 7 } }).figures;
    expect(share.menteeSatisfaction).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
  });

  it('reads roadmap execution', () => {
    expect(execution).toMatchObject({ due: 2, onTime: 1, overdue: 1, late: 0, notDue: 1 });
    expect(f.roadmapOnTime).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(f.roadmapOverdue.value).toBe(1);
    expect(f.roadmapLate.value).toBe(0);
  });

  it('breaks participants down by form and by category', () => {
    expect(breakdown.byForm).toEqual([
      { form: 'student_student', pairs: 1, mentors: 1, mentees: 3 },
      { form: 'teacher_teacher', pairs: 3, mentors: 2, mentees: 3 },
    ]);
    expect(breakdown.byCategory).toEqual([
      { category: 'student', side: 'mentor', people: 1 },
      { category: 'teacher', side: 'mentor', people: 2 },
      { category: 'spo_student', side: 'mentee', people: 1 },
      { category: 'student', side: 'mentee', people: 3 },
      { category: 'teacher', side: 'mentee', people: 2 },
    ]);
  });
});

describe('computeFigures: missing data', () => {
  it('says «нет данных» without a contingent, never dividing by zero', () => {
    const { figures: f } = computeFigures(inputs({ pairs: [pair('p1')] }));
    expect(f.studentCoverage.value).toBeNull();
    expect(f.studentCoverage.denominator).toBeUndefined();
    expect(f.studentCoverage.formula).toBe('Охват обучающихся: нет данных — контингент обучающихся не введён (наставляемые-обучающиеся: 0).');
    expect(f.youngSpecialistCoverage.formula).toContain('нет данных — число молодых специалистов не введено');
    const zero = computeFigures(inputs({ pairs: [pair('p1')], contingent: { students: 0, teachers: null, youngSpecialists: null, studentsBand: null } })).figures;
    expect(zero.studentCoverage).toMatchObject({ value: null, denominator: 0 });
    expect(zero.studentCoverage.formula).toContain('нет данных');
  });

  it('an empty round: counts zero, percentages «нет данных»', () => {
    const { figures: f } = computeFigures(inputs());
    expect(f.pairs.value).toBe(0);
    expect(f.meetingsHeld).toMatchObject({ value: 0, denominator: 0 });
    expect(f.menteeSatisfaction.value).toBeNull();
    expect(f.menteeSatisfaction.formula).toBe('Удовлетворённость наставляемых: нет данных — нет ответов с оценками по шкале 1–10.');
    expect(f.roadmapOnTime.value).toBeNull();
    expect(Object.keys(f).sort()).toEqual([...FIGURE_KEYS].sort());
  });

  it('expects at least one meeting of a pair, and one for a pair without a rhythm', () => {
    expect(expectedMeetings(pair('p', { startedOn: '2024-12-31' }), dec)).toBe(1);
    expect(expectedMeetings(pair('p', { rhythmDays: 0 }), dec)).toBe(1);
    expect(expectedMeetings(pair('p', { startedOn: '2020-01-01', rhythmDays: 30 }), dec)).toBe(7); // 184 ÷ 30
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(1, 0)).toBeNull();
  });
});

describe('computeFigures: properties', () => {
  const day = fc.integer({ min: 0, max: 500 }).map((d) => new Date(Date.UTC(2024, 3, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const person = fc.integer({ min: 0, max: 12 }).map((i) => `person-${i}`);
  const arbPair = fc
    .record({
      id: fc.uuid(),
      form: fc.constantFrom('student_student', 'teacher_teacher', 'employer_student'),
      status: fc.constantFrom('active' as const, 'completed' as const, 'terminated' as const),
      start: day,
      end: fc.option(day),
      rhythmDays: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(0)),
      members: fc.array(
        fc.record({
          personId: person,
          side: fc.constantFrom('mentor' as const, 'mentee' as const),
          category: fc.constantFrom('student', 'spo_student', 'teacher', 'other'),
          youngSpecialist: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ start, end, ...p }): Pair => ({ ...p, startedOn: end && end < start ? end : start, endedOn: end && end < start ? start : end }));
  const count = fc.option(fc.integer({ min: 0, max: 50 }));
  const arbInputs = fc.record({
    pairs: fc.array(arbPair, { maxLength: 8 }),
    meetingDays: fc.array(fc.tuple(fc.nat(7), day), { maxLength: 20 }),
    surveys: fc.array(
      fc.record({ template: fc.constantFrom('mentee_satisfaction', 'mentor_satisfaction', 'other'), answers: fc.dictionary(fc.constantFrom('comfort', 'clarity', 'joint_work', 'x'), fc.oneof(fc.integer({ min: 0, max: 11 }), fc.string())) }),
      { maxLength: 6 },
    ),
    contingent: fc.option(fc.record({ students: count, teachers: count, youngSpecialists: count, studentsBand: fc.constant(null) })),
    formula: fc.constantFrom('mean' as const, 'share' as const),
    key: fc.constantFrom('2024-06', '2024-12', '2025-06'),
  });

  it('never gives NaN or Infinity; a percent is null exactly when its denominator is 0 or missing', () => {
    fc.assert(
      fc.property(arbInputs, (a) => {
        const x = inputs({
          round: roundOf(a.key),
          pairs: a.pairs,
          meetings: a.meetingDays.filter(([i]) => i < a.pairs.length).map(([i, heldOn]) => ({ pairId: a.pairs[i]!.id, heldOn })),
          surveys: a.surveys,
          contingent: a.contingent,
          satisfaction: { formula: a.formula, threshold: 7 },
        });
        const { figures } = computeFigures(x);
        for (const k of FIGURE_KEYS) {
          const f = figures[k];
          for (const n of [f.value, f.numerator, f.denominator]) if (n !== null && n !== undefined) expect(Number.isFinite(n), k).toBe(true);
          expect(f.formula.length).toBeGreaterThan(0);
          if (f.kind === 'percent') {
            const noDen = f.denominator === undefined || f.denominator === 0;
            expect(f.value === null, `${k}: ${f.formula}`).toBe(noDen);
            if (!noDen) expect(f.value).toBe(Math.round((f.numerator! / f.denominator!) * 1000) / 10);
          } else expect(f.value).not.toBeNull();
        }
        expect(figures.participants.value!).toBeLessThanOrEqual(figures.mentors.value! + figures.mentees.value!);
        expect(figures.participants.value!).toBeGreaterThanOrEqual(Math.max(figures.mentors.value!, figures.mentees.value!));
        expect(figures.meetingsHeld.denominator!).toBeGreaterThanOrEqual(figures.pairs.value!);
      }),
    );
  });
});
