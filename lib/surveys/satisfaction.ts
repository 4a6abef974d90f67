import { surveyTemplate } from './templates';
import { SCALE_MAX, SCALE_MIN, SHARE_THRESHOLD } from './types';

/*
 * Satisfaction in percent from raw answers (DOMAIN.md, "Monitoring"). There is no official
 * formula; schools use one of two, and the result always says which, with its numbers:
 *   'mean'  — the mean of all the 1–10 ratings given ÷ 10 × 100 %:
 *             numerator = the sum of the ratings, denominator = their number × 10;
 *   'share' — the share of respondents whose own mean rating is at or above the threshold (7):
 *             numerator = those respondents, denominator = respondents with at least one rating.
 * Only the scale items of the response's own template count, and only integers 1–10 in them
 * (a stored answer that is not one is ignored, never guessed). A response of an unknown
 * template is not counted. Nobody counted: value null.
 */

export type SatisfactionFormula = 'mean' | 'share';
export const SATISFACTION_FORMULAS: readonly SatisfactionFormula[] = ['mean', 'share'];

/** A stored response as the formula reads it (a survey_responses row fits). */
export type SatisfactionResponse = { template: string; answers: unknown };

export type Satisfaction = {
  formula: SatisfactionFormula;
  /** Percent, rounded to 0.1; null when there is nothing to count. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Responses with at least one rating. */
  respondents: number;
  /** The ratings counted. */
  ratings: number;
  /** 'share' only. */
  threshold: number | null;
  /** The formula and its numbers in Russian, for the reports («как посчитано»). */
  formulaText: string;
};

const isRating = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= SCALE_MIN && v <= SCALE_MAX;

/** The valid ratings of a response's scale items, in the template's order. */
export function responseRatings(r: SatisfactionResponse): number[] {
  const t = surveyTemplate(r.template);
  if (!t || typeof r.answers !== 'object' || r.answers === null || Array.isArray(r.answers)) return [];
  const answers = r.answers as Record<string, unknown>;
  return t.items.flatMap((i) => {
    if (i.kind !== 'scale' || !Object.prototype.hasOwnProperty.call(answers, i.id)) return [];
    const v = answers[i.id];
    return isRating(v) ? [v] : [];
  });
}

/** A number as Russian print: up to one decimal, a decimal comma. */
export function ruPercentNumber(x: number): string {
  return String(Math.round(x * 10) / 10).replace('.', ',');
}

const percent = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

export function satisfaction(
  responses: readonly SatisfactionResponse[],
  formula: SatisfactionFormula,
  opts: { threshold?: number } = {},
): Satisfaction {
  const per = responses.map(responseRatings).filter((rs) => rs.length > 0);
  const respondents = per.length;
  const ratings = per.reduce((a, rs) => a + rs.length, 0);

  if (formula === 'mean') {
    const sum = per.reduce((a, rs) => a + rs.reduce((x, y) => x + y, 0), 0);
    const denominator = ratings * SCALE_MAX;
    const value = percent(sum, denominator);
    const head = `Удовлетворённость = средняя оценка по шкале ${SCALE_MIN}–${SCALE_MAX} ÷ ${SCALE_MAX} × 100 %`;
    const formulaText =
      value === null
        ? `${head}: нет ответов с оценками по шкале ${SCALE_MIN}–${SCALE_MAX}.`
        : `${head} = сумма оценок ${sum} ÷ (число оценок ${ratings} × ${SCALE_MAX}) × 100 % = ${ruPercentNumber(value)} % ` +
          `(средняя оценка ${ruPercentNumber(sum / ratings)}; респондентов: ${respondents}).`;
    return { formula, value, numerator: sum, denominator, respondents, ratings, threshold: null, formulaText };
  }

  const threshold = opts.threshold ?? SHARE_THRESHOLD;
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${threshold}`);
  // mean ≥ threshold, compared without dividing: sum ≥ threshold × count.
  const numerator = per.filter((rs) => rs.reduce((x, y) => x + y, 0) >= threshold * rs.length).length;
  const value = percent(numerator, respondents);
  const head = `Удовлетворённость = доля респондентов со средней оценкой не ниже ${ruPercentNumber(threshold)} из ${SCALE_MAX}`;
  const formulaText =
    value === null
      ? `${head}: нет ответов с оценками по шкале ${SCALE_MIN}–${SCALE_MAX}.`
      : `${head} = ${numerator} ÷ ${respondents} × 100 % = ${ruPercentNumber(value)} % ` +
        `(респондентов: ${respondents}, из них со средней оценкой не ниже ${ruPercentNumber(threshold)}: ${numerator}).`;
  return { formula, value, numerator, denominator: respondents, respondents, ratings, threshold, formulaText };
}
