import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageOn, isMinor } from '../people/rules';
import { consentInForce, consentProblem, consentState, erasureDueOn, mayProcess } from './rules';

// Dates as ISO strings from a day number, so fast-check can shrink them.
const day = (n: number) => addDays('2000-01-01', n);
const dateArb = fc.integer({ min: 0, max: 365 * 40 }).map(day);

describe('consent rules', () => {
  it('a person under 18 on the day of signing may not sign for itself; from 18 on it may', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 5 * 365, max: 30 * 365 }), (signedOn, ageDays) => {
        const birthDate = addDays(signedOn, -ageDays);
        const person = { birthDate, category: 'student' as const };
        const problem = consentProblem(person, { signer: 'self', signerName: 'X', guardianRelation: null, signedOn, validUntil: null }, signedOn);
        expect(problem === 'CONSENT_GUARDIAN_REQUIRED').toBe(ageOn(birthDate, signedOn) < 18);
        // A guardian with name and relation may always sign.
        expect(consentProblem(person, { signer: 'guardian', signerName: 'Мать', guardianRelation: 'мать', signedOn, validUntil: null }, signedOn)).toBeNull();
      }),
    );
  });

  it('the 18th birthday is the first day a person signs alone (born 29 February: 28 February, ГК ст. 192)', () => {
    const p = { birthDate: '2008-02-29', category: 'student' as const };
    const self = (signedOn: string) => consentProblem(p, { signer: 'self', signerName: 'X', guardianRelation: null, signedOn, validUntil: null }, '2030-01-01');
    expect(self('2026-02-27')).toBe('CONSENT_GUARDIAN_REQUIRED');
    expect(self('2026-02-28')).toBeNull();
    expect(isMinor({ birthDate: null, category: 'student' }, '2026-01-01')).toBe(true);
    expect(isMinor({ birthDate: null, category: 'teacher' }, '2026-01-01')).toBe(false);
  });

  it('a guardian must be named with the relation; dates in the future, before birth or a term before signing are refused', () => {
    const p = { birthDate: '2012-01-01', category: 'student' as const };
    const c = { signer: 'guardian' as const, signerName: 'Мать', guardianRelation: 'мать', signedOn: '2026-01-10', validUntil: null };
    expect(consentProblem(p, { ...c, guardianRelation: ' ' }, '2026-02-01')).toBe('CONSENT_GUARDIAN_DETAILS');
    expect(consentProblem(p, { ...c, signerName: '' }, '2026-02-01')).toBe('CONSENT_GUARDIAN_DETAILS');
    expect(consentProblem(p, c, '2026-01-09')).toBe('CONSENT_DATE_FUTURE');
    expect(consentProblem(p, { ...c, signedOn: '2011-12-31' }, '2026-02-01')).toBe('CONSENT_BEFORE_BIRTH');
    expect(consentProblem(p, { ...c, validUntil: '2026-01-09' }, '2026-02-01')).toBe('CONSENT_TERM_INVALID');
  });

  it('in force exactly from signing, until its term, and not from the day of withdrawal', () => {
    fc.assert(
      fc.property(dateArb, fc.option(fc.integer({ min: 0, max: 2000 })), fc.option(fc.integer({ min: 0, max: 2000 })), dateArb, (signedOn, term, withdrawnAfter, on) => {
        const c = {
          purpose: 'pd_processing' as const,
          signer: 'self' as const,
          signedOn,
          validUntil: term === null ? null : addDays(signedOn, term),
          withdrawnOn: withdrawnAfter === null ? null : addDays(signedOn, withdrawnAfter),
        };
        const expected = on >= signedOn && (c.validUntil === null || on <= c.validUntil) && (c.withdrawnOn === null || on < c.withdrawnOn);
        expect(consentInForce(c, on)).toBe(expected);
        expect(mayProcess([c], on)).toBe(expected);
        const state = consentState([c], 'pd_processing', on);
        expect(state === 'valid').toBe(expected);
        if (!expected && on >= signedOn) expect(['withdrawn', 'expired']).toContain(state);
        // Another purpose's consent never stands in for processing.
        expect(mayProcess([{ ...c, purpose: 'publication' }], on)).toBe(false);
      }),
    );
  });

  it('the erasure is due 30 days after the withdrawal', () => {
    expect(erasureDueOn('2026-11-29')).toBe('2026-12-29');
    expect(erasureDueOn('2026-02-10')).toBe('2026-03-12');
  });
});
