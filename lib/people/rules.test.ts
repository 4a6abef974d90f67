import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageBandOf, ageOn, birthDateProblem, isYoungSpecialist, todayIso } from './rules';

describe('people rules', () => {
  it('ages count whole years; bands follow them; the birthday counts on its day', () => {
    expect(ageOn('2010-11-29', '2026-11-28')).toBe(15);
    expect(ageOn('2010-11-29', '2026-11-29')).toBe(16);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30000 }), fc.integer({ min: 0, max: 36500 }), (b, d) => {
        const birth = addDays('1930-01-01', b);
        const on = addDays(birth, d);
        const age = ageOn(birth, on);
        expect(age).toBeGreaterThanOrEqual(Math.floor(d / 366));
        expect(age).toBeLessThanOrEqual(Math.floor(d / 365));
        const band = ageBandOf(birth, on);
        expect(band === '14_17').toBe(age >= 14 && age < 18);
      }),
    );
  });

  it('refuses a birth date in the future and ages outside 5–100', () => {
    expect(birthDateProblem('2026-11-30', '2026-11-29')).toBe('BIRTH_DATE_FUTURE');
    expect(birthDateProblem('2023-01-01', '2026-11-29')).toBe('AGE_ABSURD');
    expect(birthDateProblem('1920-01-01', '2026-11-29')).toBe('AGE_ABSURD');
    expect(birthDateProblem('2012-01-01', '2026-11-29')).toBeNull();
  });

  it('a young specialist is a teacher with 0–3 years of experience', () => {
    expect(isYoungSpecialist({ category: 'teacher', experienceYears: 3 })).toBe(true);
    expect(isYoungSpecialist({ category: 'teacher', experienceYears: 4 })).toBe(false);
    expect(isYoungSpecialist({ category: 'teacher', experienceYears: null })).toBe(false);
    expect(isYoungSpecialist({ category: 'employer', experienceYears: 1 })).toBe(false);
  });

  it('today is Moscow’s date', () => {
    expect(todayIso(new Date('2026-11-29T21:30:00Z'))).toBe('2026-11-30');
  });
});

describe('person input', () => {
  it('an empty or null number is no number, never 0 (unknown experience is no young specialist)', async () => {
    const { NewPersonInput } = await import('./input');
    const base = { fullName: 'Иванов Иван', category: 'teacher', bank: 'mentor' };
    for (const v of [null, '', undefined]) {
      const parsed = NewPersonInput.parse({ ...base, experienceYears: v, capacity: v });
      expect(parsed.experienceYears).toBeNull();
      expect(parsed.capacity).toBeNull();
    }
    expect(NewPersonInput.parse({ ...base, experienceYears: '2' }).experienceYears).toBe(2);
    expect(NewPersonInput.safeParse({ ...base, experienceYears: -1 }).success).toBe(false);
  });
});
