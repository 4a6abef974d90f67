'use client';
import Link from 'next/link';
import { useId, useState, type ReactNode } from 'react';
import type { ActionState } from '@/app/actions/result';
import type { Messages } from '@/lib/i18n/messages';
import { fieldsInError } from '@/lib/people/view';
import { isYoungSpecialist } from '@/lib/people/rules';
import { CATEGORIES, CONSENT_PURPOSES, type Category } from '@/lib/people/types';

/**
 * The fields a refusal points at: `mark(name)` gives a field aria-invalid and ties it to the
 * form's message, so a screen reader reads the reason at the field.
 */
export function useFieldMarks(state: ActionState, consentPrefix = '') {
  const msgId = `${useId()}-msg`;
  const bad = state && !state.ok ? fieldsInError(state.code, state.fields, consentPrefix) : new Set<string>();
  const mark = (name: string, hintId?: string) =>
    bad.has(name)
      ? { 'aria-invalid': true as const, 'aria-describedby': hintId ? `${msgId} ${hintId}` : msgId }
      : hintId
        ? { 'aria-describedby': hintId }
        : {};
  return { msgId, mark };
}

/** The outcome of a form: the refusal in the user's language (with the duplicate's link), or the success text. */
export function FormMessage({ id, state, m, success }: { id: string; state: ActionState; m: Messages; success?: ReactNode }) {
  if (!state) return <p id={id} className="sr-only" aria-live="polite" />;
  if (state.ok) return success ? <div id={id} className="msg ok" role="status">{success}</div> : null;
  return (
    <p id={id} className="msg error" role="alert" data-testid="form-error" data-code={state.code}>
      {m.errors[state.code]}
      {state.code === 'PERSON_DUPLICATE' && state.existingId && (
        <>
          {' '}
          <Link href={`/people/${state.existingId}`}>{m.people.openExisting}</Link>
        </>
      )}
    </p>
  );
}

/**
 * A consent's fields: purpose (optional), signer, names, dates, number. `prefix` is how the
 * form names them ('consent.' inside the add-person form). A minor's consent defaults to the
 * guardian as signer.
 */
export function ConsentFields(props: {
  m: Messages;
  prefix: string;
  mark: (name: string, hintId?: string) => object;
  minor: boolean;
  today: string;
  withPurpose?: boolean;
}) {
  const { m, prefix, mark, minor, today } = props;
  const p = m.people;
  const [signer, setSigner] = useState<'self' | 'guardian' | null>(null);
  const chosen = signer ?? (minor ? 'guardian' : 'self');
  const hintId = useId();
  return (
    <>
      {props.withPurpose && (
        <label>
          {p.purpose}
          <select name={`${prefix}purpose`} defaultValue="pd_processing" {...mark(`${prefix}purpose`)}>
            {CONSENT_PURPOSES.map((c) => (
              <option key={c} value={c}>{p.purposes[c]}</option>
            ))}
          </select>
        </label>
      )}
      <fieldset role="radiogroup" aria-labelledby={`${hintId}-legend`} className="radios" {...mark(`${prefix}signer`, minor ? `${hintId}-minor` : undefined)}>
        <legend id={`${hintId}-legend`}>{p.signer}</legend>
        <label>
          <input type="radio" name={`${prefix}signer`} value="self" checked={chosen === 'self'} onChange={() => setSigner('self')} />
          {p.signerSelf}
        </label>
        <label>
          <input type="radio" name={`${prefix}signer`} value="guardian" checked={chosen === 'guardian'} onChange={() => setSigner('guardian')} />
          {p.signerGuardian}
        </label>
        {minor && <p id={`${hintId}-minor`} className="hint">{p.minorSignerHint}</p>}
      </fieldset>
      <label>
        {p.signerName}
        <input name={`${prefix}signerName`} maxLength={200} autoComplete="off" {...mark(`${prefix}signerName`, chosen === 'self' ? `${hintId}-name` : undefined)} />
        {chosen === 'self' && <span id={`${hintId}-name`} className="hint">{p.signerNameHint}</span>}
      </label>
      {chosen === 'guardian' && (
        <label>
          {p.guardianRelation}
          <input name={`${prefix}guardianRelation`} maxLength={60} placeholder={p.guardianRelationHint} {...mark(`${prefix}guardianRelation`)} />
        </label>
      )}
      <label>
        {p.signedOn}
        <input name={`${prefix}signedOn`} type="date" required max={today} defaultValue={today} {...mark(`${prefix}signedOn`)} />
      </label>
      <label>
        {p.validUntil}
        <input name={`${prefix}validUntil`} type="date" {...mark(`${prefix}validUntil`)} />
      </label>
      <label>
        {p.documentRef}
        <input name={`${prefix}documentRef`} maxLength={60} {...mark(`${prefix}documentRef`)} />
      </label>
    </>
  );
}

export type PersonFieldValues = {
  fullName: string;
  birthDate: string | null;
  category: Category;
  positionOrClass: string | null;
  experienceYears: number | null;
  email: string | null;
  phone: string | null;
};

/**
 * A person's own fields: ФИО, date of birth, category, class or position, teaching experience
 * with the live «молодой специалист» hint, contacts — blank for a new person or filled from
 * `values`. The add form follows the category and the date of birth (a minor's consent).
 */
export function PersonFields(props: {
  p: Messages['people'];
  today: string;
  mark: ReturnType<typeof useFieldMarks>['mark'];
  values: Partial<PersonFieldValues> & { category: Category };
  onCategory?: (c: Category) => void;
  onBirthDate?: (d: string) => void;
}) {
  const { p, today, mark, values } = props;
  const [category, setCategory] = useState<Category>(values.category);
  const [experience, setExperience] = useState(values.experienceYears == null ? '' : String(values.experienceYears));
  const young = isYoungSpecialist({ category, experienceYears: /^\d+$/.test(experience) ? Number(experience) : null });
  const hint = useId();
  return (
    <div className="form-grid">
      <label className="wide">
        {p.fullName}
        <input name="fullName" required minLength={3} maxLength={200} autoComplete="off" defaultValue={values.fullName ?? ''} {...mark('fullName')} />
      </label>
      <label>
        {p.birthDate}
        <input name="birthDate" type="date" max={today} defaultValue={values.birthDate ?? ''} onChange={(e) => props.onBirthDate?.(e.target.value)} {...mark('birthDate')} />
      </label>
      <label>
        {p.category}
        <select
          name="category"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value as Category);
            props.onCategory?.(e.target.value as Category);
          }}
          {...mark('category')}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>{p.categories[c]}</option>
          ))}
        </select>
      </label>
      <label>
        {p.positionOrClass}
        <input name="positionOrClass" maxLength={200} defaultValue={values.positionOrClass ?? ''} {...mark('positionOrClass')} />
      </label>
      <label>
        {p.experience}
        <input
          name="experienceYears"
          type="number"
          min={0}
          max={70}
          inputMode="numeric"
          value={experience}
          onChange={(e) => setExperience(e.target.value)}
          {...mark('experienceYears', hint)}
        />
        <span id={hint} className="hint" aria-live="polite" data-testid="young-hint">
          {young ? `✓ ${p.youngBadge}` : ''}
        </span>
      </label>
      <label>
        {p.email}
        <input name="contacts.email" type="email" maxLength={254} autoComplete="off" defaultValue={values.email ?? ''} {...mark('contacts.email')} />
      </label>
      <label>
        {p.phone}
        <input name="contacts.phone" type="tel" maxLength={40} autoComplete="off" defaultValue={values.phone ?? ''} {...mark('contacts.phone')} />
      </label>
    </div>
  );
}
