import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseRatings, satisfaction, type SatisfactionResponse } from './satisfaction';
import { surveyTemplate } from './templates';
import type { SurveyTemplateId } from './types';

const scaleIds = (id: SurveyTemplateId) =>
  surveyTemplate(id)!
    .items.filter((i) => i.kind === 'scale')
    .map((i) => i.id);

/** A response rating the template's scale items in order with `ratings` (the rest unanswered). */
function response(template: SurveyTemplateId, ratings: number[], extra: Record<string, unknown> = {}): SatisfactionResponse {
  const ids = scaleIds(template);
  return { template, answers: { ...Object.fromEntries(ratings.map((r, i) => [ids[i], r])), ...extra } };
}

const MENTEE = scaleIds('mentee_satisfaction').length; // 7
const MENTOR = scaleIds('mentor_satisfaction').length; // 8

describe('responseRatings', () => {
  it('reads the valid ratings of the scale items only', () => {
    const r = response('mentee_satisfaction', [9, 0, 11, 7.5, 3], { continue: true, most_valuable: '10', glad: 10 });
    expect(responseRatings(r)).toEqual([9, 3]);
    expect(responseRatings({ template: 'unknown', answers: { comfort: 9 } })).toEqual([]);
    expect(responseRatings({ template: 'mentee_satisfaction', answers: null })).toEqual([]);
    expect(responseRatings({ template: 'mentee_satisfaction', answers: [9, 9] })).toEqual([]);
  });
});

describe('satisfaction', () => {
  // Three respondents: means 9, 7 and 5; eighteen ratings in all.
  const responses = [
    response('mentee_satisfaction', Array(MENTEE).fill(9)),
    response('mentee_satisfaction', [7, 7, 7, 7, 7, 7, 7]),
    response('mentor_satisfaction', [5, 5, 5, 5]),
    { template: 'mentee_satisfaction', answers: { continue: true, most_valuable: 'всё' } }, // no ratings: not a respondent
  ];

  it('mean: the mean rating ÷ 10 × 100, with the sum and the count shown', () => {
    const s = satisfaction(responses, 'mean');
    const sum = 9 * MENTEE + 7 * 7 + 5 * 4;
    const count = MENTEE + 7 + 4;
    expect(s).toMatchObject({ formula: 'mean', numerator: sum, denominator: count * 10, respondents: 3, ratings: count, threshold: null });
    expect(s.value).toBe(Math.round((sum / (count * 10)) * 1000) / 10);
    expect(s.value).toBe(73.3);
    expect(s.formulaText).toBe(
      'Удовлетворённость = средняя оценка по шкале 1–10 ÷ 10 × 100 % = сумма оценок 132 ÷ (число оценок 18 × 10) × 100 % = 73,3 % (средняя оценка 7,3; респондентов: 3).',
    );
  });

  it('share: respondents whose mean is at least 7, a mean of exactly 7 counted', () => {
    const s = satisfaction(responses, 'share');
    expect(s).toMatchObject({ formula: 'share', value: 66.7, numerator: 2, denominator: 3, respondents: 3, threshold: 7 });
    expect(s.formulaText).toBe(
      'Удовлетворённость = доля респондентов со средней оценкой не ниже 7 из 10 = 2 ÷ 3 × 100 % = 66,7 % (респондентов: 3, из них со средней оценкой не ниже 7: 2).',
    );
    expect(satisfaction(responses, 'share', { threshold: 7.5 })).toMatchObject({ numerator: 1, value: 33.3, threshold: 7.5 });
    expect(satisfaction(responses, 'share', { threshold: 7.5 }).formulaText).toContain('не ниже 7,5 из 10');
  });

  it('a mean just under the threshold is not counted', () => {
    // 7+7+7+7+7+7+6 = 48 < 49
    expect(satisfaction([response('mentee_satisfaction', [7, 7, 7, 7, 7, 7, 6])], 'share')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });

  it('has no value when nobody rated anything, and says so', () => {
    for (const f of ['mean', 'share'] as const) {
      const s = satisfaction([{ template: 'mentor_satisfaction', answers: {} }], f);
      expect(s).toMatchObject({ value: null, numerator: 0, denominator: 0, respondents: 0 });
      expect(s.formulaText).toMatch(/нет ответов с оценками по шкале 1–10\.$/);
    }
    expect(satisfaction([], 'mean').value).toBeNull();
  });

  it('refuses a threshold that is not a number', () => {
    expect(() => satisfaction(responses, 'share', { threshold: Number.NaN })).toThrow(RangeError);
  });

  // ------------------------------------------------------------------- properties

  const anyValue = fc.oneof(fc.integer({ min: -5, max: 15 }), fc.double(), fc.boolean(), fc.string({ maxLength: 3 }), fc.constant(null));
  /** Any stored response: a known template or not, each scale item answered with anything or not at all. */
  const anyResponse: fc.Arbitrary<SatisfactionResponse> = fc.oneof(
    ...(['mentee_satisfaction', 'mentor_satisfaction'] as const).map((t) =>
      fc.record({
        template: fc.constant(t),
        answers: fc.record(Object.fromEntries(scaleIds(t).map((id) => [id, fc.oneof(fc.integer({ min: 1, max: 10 }), anyValue)])), { requiredKeys: [] }),
      }),
    ),
    fc.record({ template: fc.string({ maxLength: 5 }), answers: fc.dictionary(fc.string({ maxLength: 4 }), anyValue) }),
  );

  it('stays within 0–100 %, null exactly when nothing was rated (property)', () => {
    fc.assert(
      fc.property(fc.array(anyResponse, { maxLength: 30 }), fc.constantFrom('mean' as const, 'share' as const), fc.integer({ min: 1, max: 10 }), (rs, f, threshold) => {
        const s = satisfaction(rs, f, { threshold });
        expect(s.numerator).toBeGreaterThanOrEqual(0);
        expect(s.numerator).toBeLessThanOrEqual(s.denominator);
        if (s.denominator === 0) expect(s.value).toBeNull();
        else {
          expect(s.value).not.toBeNull();
          expect(s.value!).toBeGreaterThanOrEqual(0);
          expect(s.value!).toBeLessThanOrEqual(100);
          expect(Math.abs(s.value! - (100 * s.numerator) / s.denominator)).toBeLessThanOrEqual(0.05 + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  /** Each response's valid ratings, read independently of responseRatings. */
  const oracle = (rs: SatisfactionResponse[]) =>
    rs
      .map((r) => {
        const ids = surveyTemplate(r.template) ? scaleIds(r.template as SurveyTemplateId) : [];
        const a = (r.answers ?? {}) as Record<string, unknown>;
        return ids.map((id) => (Object.hasOwn(a, id) ? a[id] : undefined)).filter((v): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10);
      })
      .filter((xs) => xs.length > 0);

  it('share counts exactly the respondents whose mean is at or above the threshold (property)', () => {
    fc.assert(
      fc.property(fc.array(anyResponse, { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (rs, threshold) => {
        const per = oracle(rs);
        const s = satisfaction(rs, 'share', { threshold });
        expect(s.denominator).toBe(per.length);
        expect(s.respondents).toBe(per.length);
        expect(s.numerator).toBe(per.filter((xs) => xs.reduce((a, b) => a + b, 0) / xs.length >= threshold).length);
      }),
      { numRuns: 300 },
    );
  });

  it('mean is the pooled mean of the valid ratings ÷ 10 × 100 (property)', () => {
    fc.assert(
      fc.property(fc.array(anyResponse, { maxLength: 30 }), (rs) => {
        const all = oracle(rs).flat();
        const s = satisfaction(rs, 'mean');
        expect(s.ratings).toBe(all.length);
        expect(s.numerator).toBe(all.reduce((a, b) => a + b, 0));
        expect(s.denominator).toBe(all.length * 10);
        if (all.length > 0) expect(Math.abs(s.value! - (all.reduce((a, b) => a + b, 0) / all.length) * 10)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('all tens: 100 % by both formulas; all ones: 10 % by mean, 0 % by share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: MENTOR }), (n, k) => {
        const tens = Array.from({ length: n }, () => response('mentor_satisfaction', Array(k).fill(10)));
        const ones = Array.from({ length: n }, () => response('mentor_satisfaction', Array(k).fill(1)));
        expect(satisfaction(tens, 'mean').value).toBe(100);
        expect(satisfaction(tens, 'share').value).toBe(100);
        expect(satisfaction(ones, 'mean').value).toBe(10);
        expect(satisfaction(ones, 'share').value).toBe(0);
      }),
    );
  });
});
