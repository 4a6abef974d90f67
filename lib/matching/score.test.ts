import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reasonsFor, rankInstrumental } from './reasons';
import {
  coveredRequests,
  formKey,
  MENTEE_PREFERS_POINTS,
  MENTOR_PREFERS_POINTS,
  MUTUAL_POINTS,
  preferencePoints,
  rankBonus,
  scorePair,
  sharedForm,
  tagKey,
  tagsMatch,
} from './score';

const TT = 'учитель – учитель';
const UU = 'ученик – ученик';
const SU = 'студент – ученик';

describe('sharedForm', () => {
  it.each([
    ['the first of the mentee’s forms the mentor offers', [UU, TT], [SU, TT, UU], { form: TT, how: 'shared' }],
    ['spelled with another dash, another case, spaces', ['Учитель - учитель'], ['  учитель—Учитель '], { form: 'учитель—Учитель', how: 'shared' }],
    ['a mentee with no forms takes the mentor’s first', [SU, TT], [], { form: SU, how: 'mentor_only' }],
    ['a mentor with no forms takes the mentee’s first', [], [TT, UU], { form: TT, how: 'mentee_only' }],
    ['blank forms are no forms', ['  '], [' ', UU], { form: UU, how: 'mentee_only' }],
    ['none shared: not allowed', [UU], [TT, SU], null],
    ['neither lists any: not allowed', [], [], null],
  ])('%s', (_, mentorForms, menteeForms, expected) => {
    expect(sharedForm(mentorForms as string[], menteeForms as string[])).toEqual(expected);
  });

  it('reads every dash between the sides as one', () => {
    expect(formKey('Работодатель-Студент')).toBe('работодатель – студент');
    expect(formKey('работодатель — студент')).toBe('работодатель – студент');
  });
});

describe('tags', () => {
  it.each([
    ['Методика', 'методики', true],
    ['ИКТ', ' икт ', true],
    ['Проектная деятельность', 'проектной деятельности', true],
    ['методика', 'Методика преподавания', true],
    ['проекты', 'проектная деятельность', true],
    ['Ёмкость', 'емкость', true],
    ['работа с родителями', 'Работа  с родителями', true],
    ['ОГЭ', 'ЕГЭ', false],
    ['физика', 'физкультура', false],
    ['мат', 'математика', false], // a key shorter than four letters matches only itself
    ['', '', false],
    ['—', 'методика', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(tagsMatch(a, b)).toBe(expected);
    expect(tagsMatch(b, a)).toBe(expected);
  });

  it('keys tags by their normalised, stemmed words', () => {
    expect(tagKey('  Проектная   Деятельность ')).toBe('проектн деятельност');
    expect(tagKey('ИКТ-компетенции')).toBe('икт компетенци');
  });

  it('counts each request once, as the mentee spelled it, in the mentee’s order', () => {
    expect(coveredRequests(['методика преподавания', 'ИКТ', 'ОГЭ'], [' ИКТ ', 'ЕГЭ', 'Методика', 'методики', 'икт'])).toEqual(['ИКТ', 'Методика']);
    expect(coveredRequests([], ['ИКТ'])).toEqual([]);
  });
});

describe('scorePair', () => {
  const mentor = { forms: [TT, UU], tags: ['методика', 'ИКТ', 'классное руководство'] };
  it.each([
    ['a shared form only', { forms: [TT], tags: ['ОГЭ'] }, {}, 5],
    ['two requests covered', { forms: [TT], tags: ['ИКТ', 'методики', 'ОГЭ'] }, {}, 5 + 2 * 10],
    ['the same request twice counts once', { forms: [TT], tags: ['ИКТ', 'икт'] }, {}, 5 + 10],
    ['mutual, ranks 1 and 2', { forms: [TT], tags: [] }, { menteeRank: 1, mentorRank: 2 }, 5 + 50 + 10 + 8],
    ['mutual, ranks 6 and 9 (no rank bonus)', { forms: [TT], tags: [] }, { menteeRank: 6, mentorRank: 9 }, 5 + 50],
    ['the mentee’s 2nd choice', { forms: [TT], tags: [] }, { menteeRank: 2 }, 5 + 20 + 8],
    ['the mentor’s 1st choice', { forms: [TT], tags: [] }, { mentorRank: 1 }, 5 + 8 + 10],
    ['a rank that is no rank is ignored', { forms: [TT], tags: [] }, { menteeRank: 0, mentorRank: 1.5 }, 5],
    ['everything', { forms: [UU], tags: ['ИКТ'] }, { menteeRank: 1, mentorRank: 1 }, 5 + 10 + 50 + 10 + 10],
  ])('%s', (_, mentee, ranks, expected) => {
    expect(scorePair(mentor, mentee, ranks)?.score).toBe(expected);
  });

  it('is null without a shared form, whatever the preferences', () => {
    expect(scorePair(mentor, { forms: [SU], tags: ['ИКТ'] }, { menteeRank: 1, mentorRank: 1 })).toBeNull();
  });

  it('ranks any mutual choice above any one-sided one, the mentee’s above the mentor’s, a better rank above a worse', () => {
    const rank = fc.integer({ min: 1, max: 20 });
    fc.assert(
      fc.property(rank, rank, rank, rank, (a, b, c, d) => {
        expect(preferencePoints(a, b)).toBeGreaterThan(preferencePoints(c, undefined));
        expect(preferencePoints(c, undefined)).toBeGreaterThan(preferencePoints(undefined, d));
        expect(preferencePoints(undefined, d)).toBeGreaterThan(preferencePoints(undefined, undefined));
        if (a < c) expect(preferencePoints(a, undefined)).toBeGreaterThanOrEqual(preferencePoints(c, undefined));
        if (a < c && a <= 5) expect(preferencePoints(a, b)).toBeGreaterThan(preferencePoints(c, b));
      }),
    );
    expect(MUTUAL_POINTS).toBeGreaterThan(MENTEE_PREFERS_POINTS + rankBonus(1));
    expect(MENTEE_PREFERS_POINTS).toBeGreaterThan(MENTOR_PREFERS_POINTS + rankBonus(1));
  });
});

describe('reasons', () => {
  it('says the form, the preferences, the shared requests and the places left, in Russian', () => {
    const score = scorePair({ forms: [TT], tags: ['методика', 'ИКТ'] }, { forms: [TT], tags: ['Методика', 'ИКТ', 'ОГЭ'] }, { menteeRank: 1, mentorRank: 2 })!;
    expect(reasonsFor(score, 2)).toEqual([
      { code: 'form', text: 'Общая форма: учитель – учитель' },
      { code: 'mutual', text: 'Взаимный выбор: наставляемый назвал наставника первым, наставник — вторым' },
      { code: 'tags', text: 'Совпадают запросы и компетенции: Методика, ИКТ' },
      { code: 'capacity', text: 'У наставника остаётся мест: 2' },
    ]);
  });

  it.each([
    [{ menteeRank: 2 }, 'mentee_prefers', 'Наставляемый выбрал этого наставника (2-й выбор)'],
    [{ mentorRank: 1 }, 'mentor_prefers', 'Наставник выбрал этого наставляемого (1-й выбор)'],
  ])('a one-sided choice %j', (ranks, code, text) => {
    const score = scorePair({ forms: [], tags: [] }, { forms: [UU], tags: [] }, ranks)!;
    const reasons = reasonsFor(score, 0);
    expect(reasons).toContainEqual({ code, text });
    expect(reasons.find((r) => r.code === 'tags')).toBeUndefined();
    expect(reasons[0]).toEqual({ code: 'form', text: 'Форма наставляемого: ученик – ученик (наставник формы не указал)' });
    expect(reasons.at(-1)).toEqual({ code: 'capacity', text: 'У наставника это последнее свободное место' });
  });

  it('names a form the mentee left blank and a mentor with no place left', () => {
    const score = scorePair({ forms: [SU], tags: [] }, { forms: [], tags: [] })!;
    expect(reasonsFor(score, -1)).toEqual([
      { code: 'form', text: 'Форма наставника: студент – ученик (наставляемый форму не указал)' },
      { code: 'capacity', text: 'У наставника нет свободных мест' },
    ]);
  });

  it('writes ranks as ordinals', () => {
    expect([1, 3, 4, 10, 11].map(rankInstrumental)).toEqual(['первым', 'третьим', 'четвёртым', 'десятым', '11-м']);
  });
});
