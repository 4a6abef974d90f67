'use client';
import { useState } from 'react';
import { createPersonAction } from '@/app/actions/people';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { isIsoDate, isMinor } from '@/lib/people/rules';
import { DEFAULT_FORMS, type Bank, type Category } from '@/lib/people/types';
import { useFormAction } from '../ui/useFormAction';
import { ConsentFields, FormMessage, PersonFields, useFieldMarks } from './formParts';

/**
 * Adds a person to a bank, optionally with the processing consent already signed. A refusal
 * keeps everything typed and marks the fields it names; success opens the person's page.
 */
export function AddPersonForm({ orgId, bank, locale, today }: { orgId: string; bank: Bank; locale: Locale; today: string }) {
  const m = messagesFor(locale);
  const p = m.people;
  const { state, pending, formProps } = useFormAction(createPersonAction);
  const { msgId, mark } = useFieldMarks(state, 'consent.');
  const [category, setCategory] = useState<Category>(bank === 'mentee' ? 'student' : 'teacher');
  const [birthDate, setBirthDate] = useState('');
  const [withConsent, setWithConsent] = useState(false);
  const minor = isMinor({ birthDate: isIsoDate(birthDate) && birthDate <= today ? birthDate : null, category }, today);

  return (
    <details className="add-person" open={!!state && !state.ok}>
      <summary>{p.add}</summary>
      <form {...formProps} className="form person-form" aria-describedby={msgId} data-testid="add-person">
        <input type="hidden" name="orgId" value={orgId} />
        <input type="hidden" name="bank" value={bank} />
        <PersonFields
          p={p}
          today={today}
          mark={mark}
          values={{ category: bank === 'mentee' ? 'student' : 'teacher' }}
          onCategory={setCategory}
          onBirthDate={setBirthDate}
        />
        <fieldset className="checks">
          <legend>{p.forms}</legend>
          {DEFAULT_FORMS.map((f) => (
            <label key={f}>
              <input type="checkbox" name="forms" value={f} />
              {f}
            </label>
          ))}
        </fieldset>
        <div className="form-grid">
          <label className="wide">
            {bank === 'mentor' ? p.tagsMentor : p.tagsMentee}
            <input name="tags" maxLength={2000} {...mark('tags')} />
          </label>
          {bank === 'mentee' ? (
            <label className="wide">
              {p.requestText}
              <textarea name="requestText" rows={2} maxLength={2000} {...mark('requestText')} />
            </label>
          ) : (
            <label>
              {p.capacity}
              <input name="capacity" type="number" min={1} max={30} inputMode="numeric" {...mark('capacity')} />
            </label>
          )}
        </div>
        <label className="check">
          <input type="checkbox" name="withConsent" checked={withConsent} onChange={(e) => setWithConsent(e.target.checked)} />
          {p.withConsent}
        </label>
        {withConsent && (
          <fieldset className="consent-block">
            <legend>{p.consentBlock}</legend>
            <div className="form-grid">
              <ConsentFields m={m} prefix="consent." mark={mark} minor={minor} today={today} />
            </div>
          </fieldset>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>{p.create}</button>
        </div>
        <FormMessage id={msgId} state={state} m={m} />
      </form>
    </details>
  );
}
