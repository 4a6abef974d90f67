import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  academicYearLabel,
  academicYearOf,
  academicYearOfRound,
  addDays,
  asOfMoment,
  currentRound,
  daysInclusive,
  defaultKeyOf,
  defaultRounds,
  isIsoDate,
  moscowDate,
  parseRoundKey,
  previousRounds,
  roundIsOpen,
  roundLabel,
  roundOf,
  roundsAround,
  shiftKey,
  validateRound,
} from './rounds';

describe('default rounds', () => {
  it('gives December and June of an academic year', () => {
    expect(defaultRounds(2024)).toEqual([
      { key: '2024-12', from: '2024-07-01', to: '2024-12-31' },
      { key: '2025-06', from: '2025-01-01', to: '2025-06-30' },
    ]);
  });

  it('tiles the calendar: each default round starts the day after the previous one ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2098 }), (y) => {
        const [dec, jun] = defaultRounds(y);
        const [nextDec] = defaultRounds(y + 1);
        expect(addDays(dec.to, 1)).toBe(jun.from);
        expect(addDays(jun.to, 1)).toBe(nextDec.from);
      }),
    );
  });

  it('finds the default key of a date', () => {
    expect([defaultKeyOf('2024-01-01'), defaultKeyOf('2024-06-30'), defaultKeyOf('2024-07-01'), defaultKeyOf('2024-12-31')]).toEqual(['2024-06', '2024-06', '2024-12', '2024-12']);
  });
});

describe('parseRoundKey', () => {
  it('accepts YYYY-MM and gives the default period', () => {
    expect(parseRoundKey('2024-12')).toEqual({ ok: true, round: { key: '2024-12', from: '2024-07-01', to: '2024-12-31' } });
    expect(parseRoundKey(' 2025-06 ')).toEqual({ ok: true, round: { key: '2025-06', from: '2025-01-01', to: '2025-06-30' } });
    // another month: the six months ending with it; February of a leap year ends on the 29th
    expect(parseRoundKey('2024-02')).toEqual({ ok: true, round: { key: '2024-02', from: '2023-09-01', to: '2024-02-29' } });
  });

  it('refuses anything else with ROUND_INVALID and a Russian message', () => {
    for (const bad of ['2024-13', '2024-00', '2024-6', '24-06', '2024/06', '', 'декабрь', '1999-12', '2101-06', null, undefined, 202412, {}]) {
      const r = parseRoundKey(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('ROUND_INVALID');
        expect(r.message).toMatch(/[а-я]/);
      }
    }
  });
});

describe('validateRound', () => {
  it('accepts a curator’s dates ending in the key’s month', () => {
    expect(validateRound({ key: '2024-12', from: '2024-09-01', to: '2024-12-20' })).toEqual({ ok: true, round: { key: '2024-12', from: '2024-09-01', to: '2024-12-20' } });
  });
  it('refuses bad dates with the field named', () => {
    const field = (x: unknown) => {
      const r = validateRound(x);
      return r.ok ? 'ok' : r.field;
    };
    expect(field({ key: '2024-12', from: '2024-02-30', to: '2024-12-20' })).toBe('from');
    expect(field({ key: '2024-12', from: '2024-09-01', to: '2024-11-30' })).toBe('to');
    expect(field({ key: '2024-12', from: '2024-12-21', to: '2024-12-20' })).toBe('from');
    expect(field({ key: '2024-12', from: '2023-01-01', to: '2024-12-20' })).toBe('from');
    expect(field({ key: 'x', from: '2024-09-01', to: '2024-12-20' })).toBe('key');
    expect(field(null)).toBe('key');
  });
});

describe('roundOf, roundsAround, currentRound, previousRounds', () => {
  const own = { key: '2024-12', from: '2024-09-01', to: '2024-12-20' };

  it('prefers the organisation’s own dates', () => {
    expect(roundOf('2024-12', [own])).toBe(own);
    expect(roundOf('2025-06', [own])).toEqual({ key: '2025-06', from: '2025-01-01', to: '2025-06-30' });
    expect(() => roundOf('2024-13')).toThrow(RangeError);
  });

  it('lists rounds around today, newest first', () => {
    expect(roundsAround('2024-10-15', 2).map((r) => r.key)).toEqual(['2025-06', '2024-12', '2024-06', '2023-12']);
    expect(roundsAround('2024-03-01', 0, 0).map((r) => r.key)).toEqual(['2024-06']);
  });

  it('finds the current round, with a gap left by own dates', () => {
    expect(currentRound('2024-10-15')).toEqual({ key: '2024-12', from: '2024-07-01', to: '2024-12-31' });
    expect(currentRound('2024-10-15', [own])).toBe(own);
    // 2024-12-25: after the own December round, before the default June one: the December round
    expect(currentRound('2024-12-25', [own])).toBe(own);
    expect(currentRound('2024-08-15', [own]).key).toBe('2024-06');
  });

  it('gives previous rounds oldest first, own dates winning', () => {
    const r = roundOf('2025-06');
    expect(previousRounds(r, [own], 3)).toEqual([roundOf('2023-12'), roundOf('2024-06'), own]);
    // rounds after it are never previous
    expect(previousRounds(r, [roundOf('2025-12')], 1)).toEqual([roundOf('2024-12')]);
    expect(previousRounds(r, [], 0)).toEqual([]);
  });
});

describe('academic years', () => {
  it('starts a year in September', () => {
    expect([academicYearOf('2024-08-31'), academicYearOf('2024-09-01'), academicYearOf('2025-06-30')]).toEqual([2023, 2024, 2024]);
    expect([academicYearOfRound('2024-12'), academicYearOfRound('2025-06')]).toEqual([2024, 2024]);
    expect(academicYearLabel(2024)).toBe('2024/2025');
  });
  it('rounds of defaultRounds(Y) belong to Y', () => {
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2099 }), (y) => defaultRounds(y).every((r) => academicYearOfRound(r.key) === y)));
  });
});

describe('as of', () => {
  const dec = roundOf('2024-12');
  it('reads a finished round as of the end of its last day in Moscow', () => {
    expect(asOfMoment(dec, new Date('2025-03-01T00:00:00Z'))).toBe('2024-12-31T20:59:59.999Z');
    expect(roundIsOpen(dec, '2025-03-01T00:00:00Z')).toBe(false);
  });
  it('reads an open round as of now', () => {
    expect(asOfMoment(dec, '2024-11-10T12:00:00.000Z')).toBe('2024-11-10T12:00:00.000Z');
    expect(roundIsOpen(dec, '2024-11-10T12:00:00.000Z')).toBe(true);
    // 21:30 UTC on the 31st is already 1 January in Moscow
    expect(asOfMoment(dec, '2024-12-31T21:30:00.000Z')).toBe('2024-12-31T20:59:59.999Z');
  });
  it('Moscow dates', () => {
    expect(moscowDate('2024-12-31T20:59:59.999Z')).toBe('2024-12-31');
    expect(moscowDate('2024-12-31T21:00:00.000Z')).toBe('2025-01-01');
    expect(() => moscowDate('soon')).toThrow(RangeError);
  });
});

describe('date helpers', () => {
  it('count days and shift keys', () => {
    expect(daysInclusive('2024-07-01', '2024-12-31')).toBe(184);
    expect(daysInclusive('2024-07-02', '2024-07-01')).toBe(0);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect([shiftKey('2024-12', 6), shiftKey('2024-06', -6), shiftKey('2024-01', -1)]).toEqual(['2025-06', '2023-12', '2023-12']);
    expect([isIsoDate('2023-02-29'), isIsoDate('2024-02-29'), isIsoDate('2024-2-1'), isIsoDate(5)]).toEqual([false, true, false, false]);
    expect(roundLabel(dec())).toBe('01.07.2024 — 31.12.2024');
  });
});
function dec() {
  return roundOf('2024-12');
}
