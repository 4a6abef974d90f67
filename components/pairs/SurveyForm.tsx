'use client';
import { useId, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { itemsInError, surveyAnswers, unansweredRequired, type SurveyDraft, type SurveyItemView } from '@/lib/pairs/survey-form';
import { api } from './api';

/** A template as GET /api/surveys/templates gives it (one locale's texts). */
export type TemplateView = { id: string; audience: 'mentor' | 'mentee'; title: string; intro: string; items: SurveyItemView[] };

const SCALE = Array.from({ length: 10 }, (_, i) => String(i + 1));

/**
 * A questionnaire from its template: a scale item as a group of ten radio buttons (1–10), a
 * yes/no item as two, an open item as a text box. Required items left empty are named before
 * anything is sent; the server's refusal is shown in its words, and the answers stay.
 */
export function SurveyForm({
  template,
  mp,
  request,
  onSaved,
}: {
  template: TemplateView;
  mp: Messages['pairs'];
  /** the fixed part of POST /api/surveys: template, personId, pairId, round, source */
  request: Record<string, unknown>;
  onSaved: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<SurveyDraft>({});
  const [bad, setBad] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (item: string, v: string) => setDraft((d) => ({ ...d, [item]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const missing = unansweredRequired(template.items, draft);
    setBad(missing);
    if (missing.length) {
      setError(mp.surveyMissing);
      document.getElementById(`${id}-${missing[0]}`)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const res = await api(`/api/surveys`, mp, { method: 'POST', body: { ...request, template: template.id, answers: surveyAnswers(template.items, draft) } });
    setBusy(false);
    if (res.ok) return onSaved();
    setError(res.message);
    setBad(itemsInError(res.fields));
  };

  const invalid = (item: string) => (bad.includes(item) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {});
  return (
    <form className="form survey-form" onSubmit={submit} noValidate data-testid="survey-form" data-template={template.id}>
      <h3>{template.title}</h3>
      <p className="hint">{template.intro}</p>
      <ol className="plain survey-items">
        {template.items.map((item, n) => (
          <li key={item.id}>
            {item.kind === 'open' ? (
              <label>
                {n + 1}. {item.text}
                <textarea id={`${id}-${item.id}`} rows={2} maxLength={2000} value={draft[item.id] ?? ''} onChange={(e) => set(item.id, e.target.value)} {...invalid(item.id)} />
              </label>
            ) : (
              <fieldset id={`${id}-${item.id}`} tabIndex={-1} role="radiogroup" aria-required={item.required || undefined} {...invalid(item.id)}>
                <legend>
                  {n + 1}. {item.text}
                  {item.kind === 'scale' && <span className="sr-only"> (1–10)</span>}
                </legend>
                <div className={item.kind === 'scale' ? 'scale' : 'radios'}>
                  {(item.kind === 'scale' ? SCALE : ['yes', 'no']).map((v) => (
                    <label key={v}>
                      <input type="radio" name={`${id}-${item.id}`} value={v} checked={draft[item.id] === v} onChange={() => set(item.id, v)} />
                      {item.kind === 'scale' ? v : v === 'yes' ? mp.yes : mp.no}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
          </li>
        ))}
      </ol>
      <div id={`${id}-err`} aria-live="polite">
        {error && (
          <p className="msg error" role="alert" data-testid="survey-error">
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? mp.saving : mp.submitSurvey}
        </button>
      </div>
    </form>
  );
}
