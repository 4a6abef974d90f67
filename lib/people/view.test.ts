import { describe, expect, it } from 'vitest';
import { consentBadge, consentFieldsOf, fieldsInError, filterQuery, newPersonInputOf, ruDate, splitTags, yearsRu } from './view';
import { NewPersonInput, parsePeopleInput } from './input';

const formOf = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe('the banks’ view helpers', () => {
  it('writes dates as Russian papers do and ages with the right plural', () => {
    expect(ruDate('2013-04-09')).toBe('09.04.2013');
    expect(ruDate(null)).toBe('');
    expect([1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(yearsRu)).toEqual([
      '1 год', '2 года', '5 лет', '11 лет', '12 лет', '14 лет', '21 год', '22 года', '25 лет', '101 год', '111 лет',
    ]);
  });

  it('an erased row shows «данные уничтожены», a stopped one its term, else the consent state', () => {
    const c = (state: 'valid' | 'none' | 'withdrawn' | 'expired') => ({ state });
    expect(consentBadge({ erased: true, eraseDueOn: null, consent: c('withdrawn') })).toBe('erased');
    expect(consentBadge({ erased: false, eraseDueOn: '2026-01-01', consent: c('withdrawn') })).toBe('stopped');
    expect(consentBadge({ erased: false, eraseDueOn: null, consent: c('expired') })).toBe('expired');
    expect(consentBadge({ erased: false, eraseDueOn: null, consent: c('valid') })).toBe('valid');
  });

  it('splits tags on commas and semicolons, trimmed and without repeats', () => {
    expect(splitTags(' математика, физика;математика ,, ')).toEqual(['математика', 'физика']);
    expect(splitTags('')).toEqual([]);
  });

  it('points a refusal at the fields it concerns, with the consent fields prefixed as the form names them', () => {
    expect([...fieldsInError('CONSENT_GUARDIAN_REQUIRED', ['consent'], 'consent.')]).toEqual(['consent.signer']);
    expect([...fieldsInError('CONSENT_GUARDIAN_REQUIRED', ['consent'], '')]).toEqual(['consent', 'signer']);
    expect([...fieldsInError('PERSON_DUPLICATE', undefined)].sort()).toEqual(['birthDate', 'fullName']);
    expect([...fieldsInError('UNPROCESSABLE', ['contacts.email'])]).toEqual(['contacts.email']);
  });

  it('turns the add-person form into an input the verb accepts (empty numbers are none, not zero)', () => {
    const form = formOf([
      ['bank', 'mentee'],
      ['fullName', 'Иванова Анна'],
      ['birthDate', '2013-04-09'],
      ['category', 'student'],
      ['experienceYears', ''],
      ['contacts.email', ''],
      ['forms', 'ученик – ученик'],
      ['tags', 'математика, олимпиады'],
      ['requestText', 'подготовка к олимпиаде'],
      ['capacity', '3'],
      ['withConsent', 'on'],
      ['consent.signer', 'guardian'],
      ['consent.signerName', 'Иванова Мария'],
      ['consent.guardianRelation', 'мать'],
      ['consent.signedOn', '2025-09-01'],
    ]);
    const input = parsePeopleInput(NewPersonInput, newPersonInputOf(form));
    expect(input).toMatchObject({
      fullName: 'Иванова Анна',
      experienceYears: null,
      capacity: null, // a mentee has no capacity
      contacts: { email: null, phone: null },
      forms: ['ученик – ученик'],
      tags: ['математика', 'олимпиады'],
      consent: { signer: 'guardian', signerName: 'Иванова Мария', guardianRelation: 'мать', purpose: 'pd_processing' },
    });
    expect(newPersonInputOf(formOf([['bank', 'mentor'], ['fullName', 'Петров Пётр'], ['category', 'teacher']]))).not.toHaveProperty('consent');
  });

  it('a self-signed consent without a name takes the person’s own; a guardian’s never does', () => {
    expect(consentFieldsOf(formOf([['signer', 'self'], ['signedOn', '2025-09-01']]), '', 'Петров Пётр').signerName).toBe('Петров Пётр');
    expect(consentFieldsOf(formOf([['signer', 'guardian'], ['signedOn', '2025-09-01']]), '', 'Петров Пётр').signerName).toBe('');
  });

  it('keeps only the set filters in links', () => {
    expect(filterQuery({ bank: 'mentor', q: '', consent: 'missing', junk: 'x' }, { after: 'abc' })).toBe('bank=mentor&consent=missing&after=abc');
  });
});
