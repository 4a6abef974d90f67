import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFigure, percentFigure } from './figures';
import { byOrganisations, FIGURE_KINDS, rollUp, rollUpBreakdown, rollUpExecution } from './rollup';
import { FIGURE_KEYS, type Figure, type FigureKey, type Figures } from './types';

/** A school's figures: counts, meetings and percents from given numerators and denominators (undefined = not entered). */
function school(p: { count?: number; held?: number; expected?: number; num?: number; den?: number | undefined } = {}): Figures {
  const out = {} as Figures;
  for (const k of FIGURE_KEYS) {
    if (k === 'meetingsHeld') out[k] = { ...countFigure(p.held ?? 0, ''), denominator: p.expected ?? 0 };
    else if (FIGURE_KINDS[k] === 'count') out[k] = countFigure(p.count ?? 0, '');
    else out[k] = percentFigure(k, p.num ?? 0, 'den' in p ? p.den : 100, 'n', 'd', 'нет');
  }
  return out;
}

const essence = (f: Figure) => ({ value: f.value, numerator: f.numerator, denominator: f.denominator, missing: f.missing ?? 0 });

describe('rollUp', () => {
  it('sums numerators and denominators, never averaging percentages', () => {
    const big = school({ num: 2700, den: 3000 }); // 90 %
    const small = school({ num: 3, den: 30 }); // 10 %
    const r = rollUp([big, small]);
    expect(r.studentCoverage).toMatchObject({ kind: 'percent', numerator: 2703, denominator: 3030, value: 89.2, missing: 0 });
    expect(r.studentCoverage.value).not.toBe((90 + 10) / 2);
    expect(r.studentCoverage.formula).toBe('Охват обучающихся = 2703 ÷ 3030 × 100 % = 89,2 % (сумма по 2 организациям)');
  });

  it('leaves out and counts a school without a denominator', () => {
    const r = rollUp([school({ num: 10, den: 100 }), school({ num: 45, den: undefined }), school({ num: 5, den: 50 })]);
    expect(essence(r.studentCoverage)).toEqual({ value: 10, numerator: 15, denominator: 150, missing: 1 });
    expect(r.studentCoverage.formula).toBe('Охват обучающихся = 15 ÷ 150 × 100 % = 10 % (сумма по 2 организациям; без 1 — нет знаменателя)');
    expect(rollUp([school({ den: undefined })]).studentCoverage.formula).toBe('Охват обучающихся: нет данных — знаменатель не введён ни в одной из 1 организации');
    const none = rollUp([school({ den: undefined }), school({ den: undefined })]);
    expect(essence(none.studentCoverage)).toEqual({ value: null, numerator: undefined, denominator: undefined, missing: 2 });
    expect(none.studentCoverage.formula).toBe('Охват обучающихся: нет данных — знаменатель не введён ни в одной из 2 организаций');
  });

  it('sums counts and meetings, and includes the organisation’s own figures', () => {
    const r = rollUp([school({ count: 3, held: 4, expected: 10 }), school({ count: 2, held: 1, expected: 5 })], school({ count: 1, held: 0, expected: 1 }));
    expect(r.pairs).toMatchObject({ kind: 'count', value: 6 });
    expect(r.pairs.formula).toBe('Пары = 6 — сумма по 3 организациям');
    expect(r.meetingsHeld).toMatchObject({ value: 5, numerator: 5, denominator: 16 });
    expect(r.meetingsHeld.formula).toBe('Встречи = проведено 5 из ожидаемых 16 (31,3 %) — сумма по 3 организациям');
  });

  it('of nothing: zero counts, «нет данных»', () => {
    const r = rollUp([]);
    expect(r.pairs.value).toBe(0);
    expect(essence(r.menteeSatisfaction)).toEqual({ value: null, numerator: undefined, denominator: undefined, missing: 0 });
  });

  it('declines «организация» after «по»', () => {
    expect([1, 2, 5, 11, 21, 112].map(byOrganisations)).toEqual(['по 1 организации', 'по 2 организациям', 'по 5 организациям', 'по 11 организациям', 'по 21 организации', 'по 112 организациям']);
  });
});

describe('rollUp: properties', () => {
  const arbSchool = fc
    .record({
      count: fc.nat(500),
      held: fc.nat(200),
      expected: fc.nat(200),
      num: fc.nat(3000),
      den: fc.option(fc.nat(5000), { nil: undefined, freq: 3 }),
    })
    .map((p) => school(p));
  const schools = fc.array(arbSchool, { maxLength: 12 });

  it('rolling up a split equals rolling up the whole (municipality by municipality = region at once)', () => {
    fc.assert(
      fc.property(schools, schools, schools, (a, b, c) => {
        const whole = rollUp([...a, ...b, ...c]);
        const split = rollUp([rollUp(a), rollUp([rollUp(b), rollUp(c)])]);
        for (const k of FIGURE_KEYS) expect(essence(split[k]), k).toEqual(essence(whole[k]));
      }),
    );
  });

  it('a roll-up percent is sum(numerators) ÷ sum(denominators) of the schools that have one', () => {
    fc.assert(
      fc.property(schools, (list) => {
        const r = rollUp(list);
        const withDen = list.filter((s) => s.studentCoverage.denominator !== undefined);
        const num = withDen.reduce((x, s) => x + s.studentCoverage.numerator!, 0);
        const den = withDen.reduce((x, s) => x + s.studentCoverage.denominator!, 0);
        expect(r.studentCoverage.value).toBe(den > 0 ? Math.round((num / den) * 1000) / 10 : null);
        expect(r.studentCoverage.missing).toBe(list.length - withDen.length);
        for (const k of FIGURE_KEYS) for (const n of [r[k].value, r[k].numerator, r[k].denominator]) if (typeof n === 'number') expect(Number.isFinite(n)).toBe(true);
      }),
    );
  });

  it('differs from the mean of percentages when schools differ in size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 2, max: 100 }), (pct, factor) => {
        // school A: pct % of 100; school B: 100 % of 100 × factor. The mean of percentages is (pct + 100) ÷ 2.
        const r = rollUp([school({ num: pct, den: 100 }), school({ num: 100 * factor, den: 100 * factor })]);
        const mean = (pct + 100) / 2;
        expect(r.studentCoverage.value).toBe(Math.round(((pct + 100 * factor) / (100 + 100 * factor)) * 1000) / 10);
        expect(r.studentCoverage.value).toBeGreaterThan(mean);
      }),
    );
  });
});

describe('rollUpBreakdown and rollUpExecution', () => {
  it('sums by form and category', () => {
    const r = rollUpBreakdown([
      { byForm: [{ form: 'teacher_teacher', pairs: 2, mentors: 2, mentees: 2 }], byCategory: [{ category: 'teacher', side: 'mentee', people: 2 }] },
      {
        byForm: [
          { form: 'student_student', pairs: 1, mentors: 1, mentees: 3 },
          { form: 'teacher_teacher', pairs: 1, mentors: 1, mentees: 1 },
        ],
        byCategory: [
          { category: 'teacher', side: 'mentee', people: 1 },
          { category: 'teacher', side: 'mentor', people: 2 },
        ],
      },
    ]);
    expect(r).toEqual({
      byForm: [
        { form: 'student_student', pairs: 1, mentors: 1, mentees: 3 },
        { form: 'teacher_teacher', pairs: 3, mentors: 3, mentees: 3 },
      ],
      byCategory: [
        { category: 'teacher', side: 'mentor', people: 2 },
        { category: 'teacher', side: 'mentee', people: 3 },
      ],
    });
  });
  it('sums execution counts without items', () => {
    const e = (n: number) => ({ due: 3 * n, onTime: n, late: n, overdue: n, notDue: n, items: [] });
    expect(rollUpExecution([e(1), e(2)])).toEqual({ due: 9, onTime: 3, late: 3, overdue: 3, notDue: 3, items: [] });
  });
});

// keep the key list and the kinds in step with the contract
it('knows the kind of every figure key', () => {
  expect(Object.keys(FIGURE_KINDS).sort()).toEqual([...FIGURE_KEYS].sort() as FigureKey[]);
});
