import { storableText } from '../audit/sanitize';
import { AppError } from '../errors';
import { OPEN_MAX, SCALE_MAX, SCALE_MIN, type SurveyAnswers, type SurveyTemplate } from './types';

/*
 * Checking a respondent's answers against a template, whether typed online or entered by the
 * curator from paper. Nothing is coerced: a scale item takes an integer 1–10 (not «7», not
 * 7.5), a yes/no item a boolean, an open item a string of at most OPEN_MAX characters (trimmed;
 * blank means unanswered). An item left out, or given as null, is unanswered; a required one
 * unanswered is an error. Ids the template does not have are errors too (a stale form).
 */

export const ANSWER_ERROR_CODES = ['not_object', 'unknown_item', 'required', 'scale', 'yesno', 'open_type', 'too_long', 'unstorable'] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

/** One refused answer: `field` is the item's id ('(answers)' for the whole). `message` is Russian. */
export type AnswerError = { field: string; code: AnswerErrorCode; message: string };

export type AnswersCheck = { ok: true; answers: SurveyAnswers } | { ok: false; errors: AnswerError[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

const chars = (s: string) => [...s].length;

export function validateAnswers(template: SurveyTemplate, answers: unknown): AnswersCheck {
  if (!isPlainObject(answers)) {
    return { ok: false, errors: [{ field: '(answers)', code: 'not_object', message: 'Ответы анкеты не получены.' }] };
  }
  const errors: AnswerError[] = [];
  const out: SurveyAnswers = {};
  const known = new Set(template.items.map((i) => i.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) errors.push({ field: key, code: 'unknown_item', message: `В анкете нет вопроса «${key.slice(0, 60)}».` });
  }
  template.items.forEach((item, index) => {
    const q = `Вопрос ${index + 1}`;
    const v = Object.prototype.hasOwnProperty.call(answers, item.id) ? answers[item.id] : undefined;
    const err = (code: AnswerErrorCode, message: string) => errors.push({ field: item.id, code, message: `${q}: ${message}` });
    const blank = v === undefined || v === null || (item.kind === 'open' && typeof v === 'string' && v.trim() === '');
    if (blank) {
      if (item.required) err('required', 'ответ обязателен.');
      return;
    }
    switch (item.kind) {
      case 'scale':
        if (typeof v === 'number' && Number.isInteger(v) && v >= SCALE_MIN && v <= SCALE_MAX) out[item.id] = v;
        else err('scale', `поставьте оценку — целое число от ${SCALE_MIN} до ${SCALE_MAX}.`);
        return;
      case 'yesno':
        if (typeof v === 'boolean') out[item.id] = v;
        else err('yesno', 'ответьте «да» или «нет».');
        return;
      case 'open': {
        if (typeof v !== 'string') return void err('open_type', 'ответ должен быть текстом.');
        const text = v.trim();
        if (chars(text) > OPEN_MAX) err('too_long', `ответ длиннее ${OPEN_MAX} символов (${chars(text)}).`);
        else if (storableText(text) !== text) err('unstorable', 'ответ содержит недопустимые символы.');
        else out[item.id] = text;
        return;
      }
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: out };
}

/**
 * The answers as stored, or AppError('UNPROCESSABLE') (422) with the Russian messages joined,
 * `fields` as request paths ('answers.<item id>') and each error, as the people verbs refuse input.
 */
export function parseSurveyAnswers(template: SurveyTemplate, answers: unknown): SurveyAnswers {
  const check = validateAnswers(template, answers);
  if (check.ok) return check.answers;
  throw new AppError('UNPROCESSABLE', check.errors.map((e) => e.message).join(' '), {
    fields: check.errors.map((e) => (e.field === '(answers)' ? 'answers' : `answers.${e.field}`)),
    errors: check.errors,
  });
}
