import { ageOn, AGE_OF_MAJORITY } from './age';
import type { AgeBand, Category, IsoDate } from './types';

// Pure rules about people: names as keys, ages, bands, young specialists. No I/O.

// Names and ages have their own modules (lib/people/names.ts, age.ts); re-exported for the rules' users.
export { nameKey } from './names';
export { ageOn, isIsoDate } from './age';


/** Under 18 on the date. Without a birth date, a school student is taken to be a minor (a guardian signs). */
export function isMinor(p: { birthDate: IsoDate | null; category: Category; ageBand?: AgeBand | null }, on: IsoDate): boolean {
  if (p.birthDate) return ageOn(p.birthDate, on) < AGE_OF_MAJORITY;
  if (p.ageBand) return p.ageBand === 'under_10' || p.ageBand === '10_13' || p.ageBand === '14_17';
  return p.category === 'student';
}

export function ageBandOf(birthDate: IsoDate, on: IsoDate): AgeBand {
  const age = ageOn(birthDate, on);
  if (age < 10) return 'under_10';
  if (age < 14) return '10_13';
  if (age < 18) return '14_17';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  return '35_plus';
}

/** DOMAIN.md: a teacher with 0–3 years of teaching experience. */
export function isYoungSpecialist(p: { category: Category; experienceYears: number | null }): boolean {
  return p.category === 'teacher' && p.experienceYears !== null && p.experienceYears >= 0 && p.experienceYears <= 3;
}

export const MIN_AGE = 5;
export const MAX_AGE = 100;

/** Why a birth date is refused, or null: in the future, or an age no programme participant has. */
export function birthDateProblem(birthDate: IsoDate, today: IsoDate): 'BIRTH_DATE_FUTURE' | 'AGE_ABSURD' | null {
  if (birthDate > today) return 'BIRTH_DATE_FUTURE';
  const age = ageOn(birthDate, today);
  if (age < MIN_AGE || age > MAX_AGE) return 'AGE_ABSURD';
  return null;
}

/** The date `days` days after an ISO date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date in Moscow (the calendar Russian schools keep their papers in). */
export function todayIso(now: Date = new Date(), timeZone = 'Europe/Moscow'): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** «Участник №N»: the name an erased person keeps. */
export const erasedName = (n: number) => `Участник №${n}`;
