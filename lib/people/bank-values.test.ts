import { describe, expect, it } from 'vitest';
import { readCategory, readConsentMark, readDate, readForms, readNumber, readSigner, splitContacts, splitList } from './bank-values';

describe('readDate', () => {
  const cases: [string | number | Date | null, unknown][] = [
    ['15.03.2010', { date: '2010-03-15' }],
    ['5.3.2010', { date: '2010-03-05' }],
    ['15/03/2010', { date: '2010-03-15' }],
    ['15.03.2010 г.', { date: '2010-03-15' }],
    ['15.03.10', { date: '2010-03-15' }],
    ['15.03.85', { date: '1985-03-15' }],
    ['2010-03-15', { date: '2010-03-15' }],
    ['2010-03-15T00:00:00', { date: '2010-03-15' }],
    ['15 марта 2010 г.', { date: '2010-03-15' }],
    ['1 мая 2010', { date: '2010-05-01' }],
    [new Date(Date.UTC(2010, 2, 15)), { date: '2010-03-15' }],
    [40252, { date: '2010-03-15' }], // an Excel serial day number
    ['', null],
    [null, null],
  ];
  it.each(cases)('%s → %o', (cell, expected) => {
    expect(readDate(cell, 2025)).toEqual(expected);
  });

  it('says why a date cannot be read', () => {
    expect(readDate('31.02.2010', 2025)).toEqual({ invalid: 'такой даты нет в календаре' });
    expect(readDate('2010', 2025)).toMatchObject({ invalid: expect.stringContaining('только год') });
    expect(readDate(2010, 2025)).toMatchObject({ invalid: expect.stringContaining('только год') });
    expect(readDate('весной', 2025)).toMatchObject({ invalid: expect.stringContaining('ДД.ММ.ГГГГ') });
  });
});

describe('readCategory', () => {
  it.each([
    ['ученик', 'student'],
    ['Обучающийся 8 класса', 'student'],
    ['ученица', 'student'],
    ['педагог', 'teacher'],
    ['Учитель', 'teacher'],
    ['студент', 'spo_student'],
    ['студент СПО', 'spo_student'],
    ['работодатель', 'employer'],
    ['представитель предприятия', 'employer'],
    ['выпускник', 'other'],
    ['другое', 'other'],
  ])('«%s» → %s', (text, category) => {
    expect(readCategory(text, null)).toBe(category);
  });

  it('guesses from the class or the position when the category is empty', () => {
    expect(readCategory('', '8 «Б»')).toBe('student');
    expect(readCategory('', '10 класс')).toBe('student');
    expect(readCategory('', 'учитель математики')).toBe('teacher');
    expect(readCategory('', 'инженер')).toBe('other');
    expect(readCategory('', null)).toBe('other');
  });
});

describe('readForms', () => {
  it('matches the five forms whatever the dashes, case and spacing, and keeps local variants as written', () => {
    expect(readForms('ученик-ученик')).toEqual(['ученик – ученик']);
    expect(readForms('Учитель — учитель; студент -ученик\nработодатель–студент')).toEqual([
      'учитель – учитель',
      'студент – ученик',
      'работодатель – студент',
    ]);
    expect(readForms('ученик – ученик, ученик-ученик')).toEqual(['ученик – ученик']);
    expect(readForms('педагог – молодой специалист')).toEqual(['педагог – молодой специалист']);
  });
});

describe('splitList', () => {
  it('splits on , ; and new lines, dropping empties and repeats', () => {
    expect(splitList('Математика, физика;; математика\n  ЕГЭ ')).toEqual(['Математика', 'физика', 'ЕГЭ']);
  });
});

describe('readNumber', () => {
  it.each([
    [5, { value: 5 }],
    ['5', { value: 5 }],
    ['5 лет', { value: 5 }],
    ['2,5', { value: 2.5 }],
    ['до 3 чел.', { value: 3 }],
    ['12 л. 3 мес.', { value: 12.3 }],
    ['12 лет 6 месяцев', { value: 12.5 }],
    ['менее года', { value: 0 }],
    ['-2', { value: -2 }],
    ['нет', null],
    ['—', null],
    ['', null],
  ])('%s → %o', (cell, expected) => {
    expect(readNumber(cell)).toEqual(expected);
  });
  it('refuses text that is no single number', () => {
    expect(readNumber('много')).toHaveProperty('invalid');
    expect(readNumber('2 или 3')).toHaveProperty('invalid');
  });
});

describe('readConsentMark', () => {
  it('reads «да», a date and a paper number as given; «нет», «—», «отозвано» as not', () => {
    expect(readConsentMark('да', 2025)).toEqual({ given: true, date: null, ref: null });
    expect(readConsentMark('+', 2025)).toEqual({ given: true, date: null, ref: null });
    expect(readConsentMark('№ 15 от 01.09.2024', 2025)).toEqual({ given: true, date: { date: '2024-09-01' }, ref: '15' });
    expect(readConsentMark(new Date(Date.UTC(2024, 8, 2)), 2025)).toEqual({ given: true, date: { date: '2024-09-02' }, ref: null });
    for (const no of ['нет', 'Нет', '—', '-', 'отозвано', 'не получено']) expect(readConsentMark(no, 2025)).toEqual({ given: false });
    expect(readConsentMark(null, 2025)).toBe(null);
  });
});

describe('readSigner', () => {
  it('tells the person from a guardian and keeps the relation a word names', () => {
    expect(readSigner('сам')).toEqual({ signer: 'self', relation: null });
    expect(readSigner('Сама')).toEqual({ signer: 'self', relation: null });
    expect(readSigner('лично')).toEqual({ signer: 'self', relation: null });
    expect(readSigner('мать')).toEqual({ signer: 'guardian', relation: 'мать' });
    expect(readSigner('родитель')).toEqual({ signer: 'guardian', relation: 'родитель' });
    expect(readSigner('законный представитель')).toEqual({ signer: 'guardian', relation: null });
    expect(readSigner('опекун')).toEqual({ signer: 'guardian', relation: 'опекун' });
    expect(readSigner('сосед')).toHaveProperty('invalid');
    expect(readSigner('')).toBe(null);
  });
});

describe('splitContacts', () => {
  it('takes the e-mail out of a contacts cell and leaves the phone', () => {
    expect(splitContacts('+7 900 123-45-67, Ivanov@School5.ru')).toEqual({ email: 'ivanov@school5.ru', phone: '+7 900 123-45-67' });
    expect(splitContacts('тел.: 8 (912) 000-00-00')).toEqual({ email: null, phone: '8 (912) 000-00-00' });
  });
});
