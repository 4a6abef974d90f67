import type { IsoDate } from './types';

/*
 * Calendar dates and ages, pure. Dates are ISO calendar dates ('YYYY-MM-DD') in the
 * organisation's local calendar; no time zones are involved.
 */

/** Tropa treats anyone under 18 as a minor: a parent or guardian signs their consents. */
export const AGE_OF_MAJORITY = 18;

export type Ymd = { y: number; m: number; d: number };

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** A real calendar date from its parts (31.02 is not), or null. Years 1000–9999. */
export function ymd(y: number, m: number, d: number): Ymd | null {
  if (![y, m, d].every(Number.isInteger)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** 'YYYY-MM-DD' → its parts, or null when it is not a real date. */
export function parseIsoDate(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export const isIsoDate = (s: string) => parseIsoDate(s) !== null;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const toIsoDate = ({ y, m, d }: Ymd): IsoDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function must(s: IsoDate): Ymd {
  const p = parseIsoDate(s);
  if (!p) throw new RangeError(`not an ISO date: ${s}`);
  return p;
}

/**
 * Full years from `birthDate` to `date` (negative when born after it). Someone born on
 * 29 February has their birthday on 28 February in other years (ГК РФ ст. 192 ч. 3: a term
 * in years ending in a month without that day ends on the month's last day).
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const b = must(birthDate);
  const t = must(date);
  const bd = b.m === 2 && b.d === 29 && !isLeapYear(t.y) ? 28 : b.d;
  const hadBirthday = t.m > b.m || (t.m === b.m && t.d >= bd);
  return t.y - b.y - (hadBirthday ? 0 : 1);
}

/** Under 18 on `today`. */
export const isMinor = (birthDate: IsoDate, today: IsoDate) => ageOn(birthDate, today) < AGE_OF_MAJORITY;
