import type { SurveyAnswers } from '../surveys/types';

/*
 * A survey form's state as the controls hold it (a scale's radio value '1'…'10', yes/no as
 * 'yes'/'no', open text as typed) → the answers the API takes (lib/surveys validateAnswers:
 * integers, booleans, trimmed text; unanswered items left out), and which required items are
 * still unanswered.
 */
export type SurveyItemView = { id: string; kind: 'scale' | 'yesno' | 'open'; text: string; required: boolean };
export type SurveyDraft = Record<string, string>;

export function surveyAnswers(items: readonly SurveyItemView[], draft: SurveyDraft): SurveyAnswers {
  const out: SurveyAnswers = {};
  for (const item of items) {
    const v = (draft[item.id] ?? '').trim();
    if (!v) continue;
    if (item.kind === 'scale' && /^\d{1,2}$/.test(v)) out[item.id] = Number(v);
    else if (item.kind === 'yesno' && (v === 'yes' || v === 'no')) out[item.id] = v === 'yes';
    else if (item.kind === 'open') out[item.id] = v;
  }
  return out;
}

/** The required items the draft leaves unanswered, in the template's order. */
export function unansweredRequired(items: readonly SurveyItemView[], draft: SurveyDraft): string[] {
  const answers = surveyAnswers(items, draft);
  return items.filter((i) => i.required && answers[i.id] === undefined).map((i) => i.id);
}

/** Item ids a refusal names ('answers.<id>' in its `fields`). */
export const itemsInError = (fields: readonly string[] | undefined): string[] =>
  (fields ?? []).filter((f) => f.startsWith('answers.')).map((f) => f.slice('answers.'.length));
