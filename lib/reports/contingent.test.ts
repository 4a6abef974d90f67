import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contingentWarnings, CONTINGENT_MAX, reportWarnings, validateContingent } from './contingent';
import { computeFigures } from './figures';
import { roundOf } from './rounds';
import type { Contingent, ReportInputs } from './types';

const dec = roundOf('2024-12');
const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  round: dec,
  pairs: [
    {
      id: 'p',
      form: 'student_student',
      status: 'active',
      startedOn: '2024-09-01',
      endedOn: null,
      rhythmDays: 14,
      members: [
        { personId: 'a', side: 'mentor', category: 'student', youngSpecialist: false },
        { personId: 'b', side: 'mentee', category: 'student', youngSpecialist: false },
        { personId: 'c', side: 'mentee', category: 'teacher', youngSpecialist: true },
      ],
    },
  ],
  meetings: [],
  surveys: [],
  contingent: null,
  satisfaction: { formula: 'mean', threshold: 7 },
  activities: [],
  ...over,
});
const full = (c: Partial<Contingent>): Contingent => ({ students: null, teachers: null, youngSpecialists: null, studentsBand: null, ...c });

describe('validateContingent', () => {
  it('accepts whole numbers, digit strings and empty fields', () => {
    expect(validateContingent({ students: 300, teachers: '45', youngSpecialists: '', studentsBand: ' 10–18 лет ' })).toEqual({
      ok: true,
      contingent: { students: 300, teachers: 45, youngSpecialists: null, studentsBand: '10–18 лет' },
    });
    expect(validateContingent({ students: '1 200', teachers: null })).toEqual({ ok: true, contingent: full({ students: 1200 }) });
    expect(validateContingent({})).toEqual({ ok: true, contingent: full({}) });
    expect(validateContingent({ students: CONTINGENT_MAX, youngSpecialists: 0 })).toEqual({ ok: true, contingent: full({ students: CONTINGENT_MAX, youngSpecialists: 0 }) });
  });

  it('refuses negatives, fractions, huge numbers and nonsense, naming each field in Russian', () => {
    const r = validateContingent({ students: -1, teachers: 2.5, youngSpecialists: CONTINGENT_MAX + 1, studentsBand: 7 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('CONTINGENT_INVALID');
      expect(Object.keys(r.errors).sort()).toEqual(['students', 'studentsBand', 'teachers', 'youngSpecialists']);
      expect(r.errors.students).toBe('Обучающиеся: нужно целое число от 0 до 10 000 000 или пустое поле.');
    }
    for (const bad of [null, 5, 'x', []]) expect(validateContingent(bad).ok).toBe(false);
    for (const bad of ['12a', '1e3', '-5', Number.NaN, Infinity, true, {}]) expect(validateContingent({ students: bad }).ok, String(bad)).toBe(false);
    expect(validateContingent({ studentsBand: 'x'.repeat(101) }).ok).toBe(false);
  });

  it('any valid contingent passes back unchanged', () => {
    const n = fc.option(fc.integer({ min: 0, max: CONTINGENT_MAX }));
    fc.assert(
      fc.property(fc.record({ students: n, teachers: n, youngSpecialists: n, studentsBand: fc.option(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '')) }), (c) => {
        expect(validateContingent(c)).toEqual({ ok: true, contingent: c });
      }),
    );
  });
});

describe('contingentWarnings', () => {
  const codes = (c: Contingent | null, over: Partial<ReportInputs> = {}) => contingentWarnings(c, computeFigures(inputs({ contingent: c, ...over })).figures).map((w) => [w.code, w.figure ?? null]);

  it('a missing contingent: coverage is «нет данных», with a message', () => {
    const w = contingentWarnings(null, computeFigures(inputs()).figures);
    expect(w).toEqual([
      { code: 'CONTINGENT_MISSING', figure: 'studentCoverage', message: 'Контингент за период не введён: охват обучающихся — «нет данных».' },
      { code: 'CONTINGENT_MISSING', figure: 'youngSpecialistCoverage', message: 'Контингент за период не введён: охват молодых специалистов — «нет данных».' },
    ]);
    expect(codes(full({ students: 100 }))).toEqual([['CONTINGENT_MISSING', 'youngSpecialistCoverage']]);
  });

  it('a contingent smaller than the people counted', () => {
    const c = full({ students: 0, youngSpecialists: 5, teachers: 3 });
    const w = contingentWarnings(c, computeFigures(inputs({ contingent: c })).figures);
    expect(w.map((x) => x.code)).toEqual(['CONTINGENT_TOO_SMALL', 'CONTINGENT_TOO_SMALL']);
    expect(w[0]!.message).toBe('Наставляемых-обучающихся (1) больше, чем обучающихся в контингенте (0): проверьте контингент — охват обучающихся не может превышать 100 %.');
    expect(w[1]!.message).toBe('Молодых специалистов (5) больше, чем педагогов (3): проверьте контингент.');
    expect(codes(full({ students: 1, youngSpecialists: 1 }))).toEqual([]);
  });

  it('a round with no data', () => {
    const c = full({ students: 10, youngSpecialists: 1 });
    expect(codes(c, { pairs: [] })).toEqual([['NO_DATA', null]]);
    expect(codes(c, { pairs: [], surveys: [{ template: 'mentor_satisfaction', answers: { comfort: 9 } }] })).toEqual([]);
  });
});

describe('reportWarnings', () => {
  it('adds an open round and conflicting targets', () => {
    const c = full({ students: 10, youngSpecialists: 1 });
    const figures = computeFigures(inputs({ contingent: c })).figures;
    const w = reportWarnings({
      round: dec,
      now: '2024-11-01T00:00:00Z',
      contingent: c,
      figures,
      indicators: [{ key: 'k', title: 'T', unit: null, targets: {}, origin: { kind: 'manual' }, link: null, guessed: false, conflict: 'расходятся' }],
    });
    expect(w).toEqual([
      { code: 'ROUND_OPEN', message: 'Период ещё не закончился: цифры могут измениться до 31.12.2024.' },
      { code: 'TARGET_CONFLICT', message: 'расходятся', indicator: 'k' },
    ]);
    expect(reportWarnings({ round: dec, now: '2025-03-01T00:00:00Z', contingent: c, figures })).toEqual([]);
  });
});
