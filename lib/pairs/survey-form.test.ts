import { expect, it } from 'vitest';
import { validateAnswers } from '../surveys/answers';
import { SURVEY_TEMPLATES } from '../surveys/templates';
import { itemsInError, surveyAnswers, unansweredRequired, type SurveyItemView } from './survey-form';

const items: SurveyItemView[] = [
  { id: 's', kind: 'scale', text: 'Оценка', required: true },
  { id: 'y', kind: 'yesno', text: 'Да?', required: false },
  { id: 'o', kind: 'open', text: 'Что ещё?', required: false },
];

it('turns the controls’ values into typed answers, leaving the unanswered out', () => {
  expect(surveyAnswers(items, { s: '7', y: 'no', o: '  много  ' })).toEqual({ s: 7, y: false, o: 'много' });
  expect(surveyAnswers(items, { s: '', y: '', o: '   ' })).toEqual({});
  expect(surveyAnswers(items, { y: 'yes' })).toEqual({ y: true });
});

it('names the required items still unanswered', () => {
  expect(unansweredRequired(items, {})).toEqual(['s']);
  expect(unansweredRequired(items, { s: '10' })).toEqual([]);
});

it('a fully answered built-in template passes the server’s own check', () => {
  for (const t of SURVEY_TEMPLATES) {
    const view = t.items.map((i) => ({ id: i.id, kind: i.kind, text: i.text.ru, required: i.required }));
    const draft = Object.fromEntries(view.map((i) => [i.id, i.kind === 'scale' ? '8' : i.kind === 'yesno' ? 'yes' : 'ответ']));
    expect(unansweredRequired(view, draft)).toEqual([]);
    expect(validateAnswers(t, surveyAnswers(view, draft)).ok).toBe(true);
    // and what the form calls unanswered the server refuses
    expect(validateAnswers(t, surveyAnswers(view, {})).ok).toBe(view.every((i) => !i.required));
  }
});

it('reads the items a refusal names', () => {
  expect(itemsInError(['answers.comfort', 'template', 'answers.glad'])).toEqual(['comfort', 'glad']);
  expect(itemsInError(undefined)).toEqual([]);
});
