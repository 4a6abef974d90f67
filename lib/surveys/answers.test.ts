import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { parseSurveyAnswers, validateAnswers } from './answers';
import { SURVEY_TEMPLATES, surveyTemplate } from './templates';
import { OPEN_MAX, type SurveyAnswers, type SurveyTemplate } from './types';

const mentee = surveyTemplate('mentee_satisfaction')!;

/** Every scale item rated `r`. */
const rated = (t: SurveyTemplate, r: number): SurveyAnswers => Object.fromEntries(t.items.filter((i) => i.kind === 'scale').map((i) => [i.id, r]));

/** Valid answers for a template: every scale item, any subset of the others. */
const validAnswers = (t: SurveyTemplate) =>
  fc.record(
    Object.fromEntries(
      t.items.map((i) => [
        i.id,
        i.kind === 'scale'
          ? fc.integer({ min: 1, max: 10 })
          : i.kind === 'yesno'
            ? fc.boolean()
            : fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== '' && s.trim() === s && !/[\u0000\ud800-\udfff]/.test(s)),
      ]),
    ),
    { requiredKeys: t.items.filter((i) => i.required).map((i) => i.id) },
  ) as fc.Arbitrary<SurveyAnswers>;

describe('validateAnswers', () => {
  it('keeps valid answers as given, open ones trimmed and blank ones dropped', () => {
    const answers = { ...rated(mentee, 8), comfort: 10, continue: true, glad: false, most_valuable: '  Разбор уроков \n', improve: '   ' };
    const check = validateAnswers(mentee, answers);
    expect(check).toEqual({ ok: true, answers: { ...rated(mentee, 8), comfort: 10, continue: true, glad: false, most_valuable: 'Разбор уроков' } });
  });

  it('accepts an unanswered yes/no or open question and null for one', () => {
    expect(validateAnswers(mentee, { ...rated(mentee, 5), continue: null }).ok).toBe(true);
  });

  it('refuses a rating outside 1–10, a fraction, a number as text, with the question’s number in Russian', () => {
    const check = validateAnswers(mentee, { ...rated(mentee, 5), comfort: 11, meetings_useful: 0, mentor_help: 7.5, clarity: '7' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((e) => [e.field, e.code])).toEqual([
      ['comfort', 'scale'],
      ['meetings_useful', 'scale'],
      ['mentor_help', 'scale'],
      ['clarity', 'scale'],
    ]);
    expect(check.errors[0].message).toBe('Вопрос 1: поставьте оценку — целое число от 1 до 10.');
  });

  it('requires every scale item', () => {
    const { comfort: _, ...rest } = rated(mentee, 6);
    const check = validateAnswers(mentee, { ...rest, joint_work: null });
    expect(check).toEqual({
      ok: false,
      errors: [
        { field: 'comfort', code: 'required', message: 'Вопрос 1: ответ обязателен.' },
        { field: 'joint_work', code: 'required', message: 'Вопрос 5: ответ обязателен.' },
      ],
    });
  });

  it('refuses yes/no that is not a boolean, an open answer that is not text, too long or unstorable, and unknown ids', () => {
    const check = validateAnswers(mentee, {
      ...rated(mentee, 6),
      continue: 'да',
      glad: 1,
      most_valuable: 42,
      improve: 'я'.repeat(OPEN_MAX + 1),
      become_mentor: true,
      extra: 'x',
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((e) => [e.field, e.code])).toEqual([
      ['extra', 'unknown_item'],
      ['glad', 'yesno'],
      ['continue', 'yesno'],
      ['most_valuable', 'open_type'],
      ['improve', 'too_long'],
    ]);
    expect(check.errors.find((e) => e.field === 'continue')!.message).toBe('Вопрос 9: ответьте «да» или «нет».');
    const bad = validateAnswers(mentee, { ...rated(mentee, 6), improve: 'a\u0000b' });
    expect(bad.ok === false && bad.errors[0].code).toBe('unstorable');
  });

  it('counts an open answer’s length in characters, not UTF-16 units', () => {
    expect(validateAnswers(mentee, { ...rated(mentee, 6), improve: '😀'.repeat(OPEN_MAX) }).ok).toBe(true);
    expect(validateAnswers(mentee, { ...rated(mentee, 6), improve: '😀'.repeat(OPEN_MAX + 1) }).ok).toBe(false);
  });

  it('refuses answers that are not an object', () => {
    for (const v of [null, undefined, 7, 'x', [], [1, 2], new Date()]) {
      expect(validateAnswers(mentee, v)).toEqual({ ok: false, errors: [{ field: '(answers)', code: 'not_object', message: 'Ответы анкеты не получены.' }] });
    }
  });

  it('never lets an object key from the prototype pass for an answer', () => {
    const check = validateAnswers(mentee, JSON.parse('{"__proto__": {"comfort": 5}}'));
    expect(check.ok).toBe(false);
  });

  it('accepts every valid answer set unchanged (property)', () => {
    for (const t of SURVEY_TEMPLATES) {
      fc.assert(
        fc.property(validAnswers(t), (answers) => {
          expect(validateAnswers(t, answers)).toEqual({ ok: true, answers });
        }),
      );
    }
  });

  it('refuses any rating that is not an integer 1–10, naming exactly that item (property)', () => {
    const scaleIds = mentee.items.filter((i) => i.kind === 'scale').map((i) => i.id);
    const badRating = fc.oneof(
      fc.integer().filter((n) => n < 1 || n > 10),
      fc.double({ noNaN: false }).filter((x) => !Number.isInteger(x)),
      fc.string(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(validAnswers(mentee), fc.constantFrom(...scaleIds), badRating, (answers, id, bad) => {
        const check = validateAnswers(mentee, { ...answers, [id]: bad });
        expect(check.ok).toBe(false);
        if (!check.ok) expect(check.errors).toEqual([expect.objectContaining({ field: id, code: 'scale' })]);
      }),
    );
  });
});

describe('parseSurveyAnswers', () => {
  it('throws a 422 naming the fields as request paths', () => {
    try {
      parseSurveyAnswers(mentee, { ...rated(mentee, 5), comfort: 0, continue: 'нет' });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e)).toBe(true);
      if (!isAppError(e)) return;
      expect(e.status).toBe(422);
      expect(e.code).toBe('UNPROCESSABLE');
      expect(e.details?.fields).toEqual(['answers.comfort', 'answers.continue']);
      expect(e.message).toBe('Вопрос 1: поставьте оценку — целое число от 1 до 10. Вопрос 9: ответьте «да» или «нет».');
    }
  });

  it('returns the answers to store when they are valid', () => {
    expect(parseSurveyAnswers(mentee, rated(mentee, 9))).toEqual(rated(mentee, 9));
  });
});
