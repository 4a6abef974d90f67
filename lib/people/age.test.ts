import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, isMinor, toIsoDate } from './age';

const isoDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('ageOn', () => {
  it('counts full years: the birthday itself adds the year, the day before does not', () => {
    expect(ageOn('2010-03-15', '2025-03-14')).toBe(14);
    expect(ageOn('2010-03-15', '2025-03-15')).toBe(15);
    expect(ageOn('2010-03-15', '2010-03-15')).toBe(0);
    expect(ageOn('2010-03-15', '2009-03-15')).toBe(-1);
  });

  it('someone born on 29 February has their birthday on 28 February in other years (ГК ст. 192)', () => {
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19); // a leap year: the birthday is the 29th
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => ageOn('2010-02-30', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('15.03.2010', '2025-01-01')).toThrow(RangeError);
  });

  it('never decreases as the date moves on, and grows by exactly one a year later', () => {
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, (b, t1, t2) => {
        const [a, z] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(ageOn(b, a)).toBeLessThanOrEqual(ageOn(b, z));
        const y = Number(a.slice(0, 4));
        const next = toIsoDate({ y: y + 1, m: Number(a.slice(5, 7)), d: Math.min(Number(a.slice(8, 10)), a.slice(5) === '02-29' ? 28 : 31) });
        if (isIsoDate(next) && a.slice(5) !== '02-29') expect(ageOn(b, next)).toBe(ageOn(b, a) + 1);
      }),
    );
  });
});

describe('isMinor', () => {
  it('is under 18 at the date: true the day before the 18th birthday, false on it', () => {
    expect(isMinor('2007-01-15', '2025-01-14')).toBe(true);
    expect(isMinor('2007-01-15', '2025-01-15')).toBe(false);
  });
});
