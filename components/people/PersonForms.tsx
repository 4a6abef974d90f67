'use client';
import { useId, useRef } from 'react';
import {
  erasePersonAction,
  linkAccountAction,
  recordConsentAction,
  saveBankEntryAction,
  setBankStatusAction,
  updatePersonAction,
  withdrawConsentAction,
} from '@/app/actions/people';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { DEFAULT_FORMS, type Bank, type BankStatus } from '@/lib/people/types';
import { ruDate } from '@/lib/people/view';
import { useFormAction } from '../ui/useFormAction';
import { ConsentFields, FormMessage, PersonFields, useFieldMarks, type PersonFieldValues } from './formParts';

// The person page's controls (curator and admin of the person's own organisation).

type Ids = { personId: string; orgId: string };
const Hidden = ({ personId, orgId }: Ids) => (
  <>
    <input type="hidden" name="personId" value={personId} />
    <input type="hidden" name="orgId" value={orgId} />
  </>
);

export type EditablePerson = PersonFieldValues;

export function EditPersonForm({ ids, person, locale, today }: { ids: Ids; person: EditablePerson; locale: Locale; today: string }) {
  const m = messagesFor(locale);
  const p = m.people;
  const { state, pending, formProps } = useFormAction(updatePersonAction);
  const { msgId, mark } = useFieldMarks(state);
  return (
    <form {...formProps} className="form person-form" data-testid="edit-person">
      <Hidden {...ids} />
      <PersonFields p={p} today={today} mark={mark} values={person} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>{p.save}</button>
      </div>
      <FormMessage id={msgId} state={state} m={m} success={p.saved} />
    </form>
  );
}

export type EntryValues = { bank: Bank; forms: string[]; tags: string[]; requestText: string | null; capacity: number | null };

/** Adds the person to a bank, or changes its entry there. */
export function EntryForm({ ids, entry, locale, submit }: { ids: Ids; entry: EntryValues; locale: Locale; submit: string }) {
  const m = messagesFor(locale);
  const p = m.people;
  const { state, pending, formProps } = useFormAction(saveBankEntryAction);
  const { msgId, mark } = useFieldMarks(state);
  const forms = [...new Set([...DEFAULT_FORMS, ...entry.forms])];
  return (
    <form {...formProps} className="form person-form" data-testid={`entry-form-${entry.bank}`}>
      <Hidden {...ids} />
      <input type="hidden" name="bank" value={entry.bank} />
      <fieldset className="checks">
        <legend>{p.forms}</legend>
        {forms.map((f) => (
          <label key={f}>
            <input type="checkbox" name="forms" value={f} defaultChecked={entry.forms.includes(f)} />
            {f}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <label className="wide">
          {entry.bank === 'mentor' ? p.tagsMentor : p.tagsMentee}
          <input name="tags" maxLength={2000} defaultValue={entry.tags.join(', ')} {...mark('tags')} />
        </label>
        {entry.bank === 'mentee' ? (
          <label className="wide">
            {p.requestText}
            <textarea name="requestText" rows={2} maxLength={2000} defaultValue={entry.requestText ?? ''} {...mark('requestText')} />
          </label>
        ) : (
          <label>
            {p.capacity}
            <input name="capacity" type="number" min={1} max={30} defaultValue={entry.capacity ?? ''} {...mark('capacity')} />
          </label>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending}>{submit}</button>
      </div>
      <FormMessage id={msgId} state={state} m={m} success={p.entrySaved} />
    </form>
  );
}

/** The status buttons of one bank entry; approval is refused by the server without a valid consent. */
export function StatusControls({ ids, bank, status, locale }: { ids: Ids; bank: Bank; status: BankStatus; locale: Locale }) {
  const m = messagesFor(locale);
  const p = m.people;
  const { state, pending, formProps } = useFormAction(setBankStatusAction);
  const msgId = `${useId()}-msg`;
  const moves: { to: BankStatus; label: string; primary?: boolean }[] = [];
  if (status !== 'approved' && status !== 'in_pair') moves.push({ to: 'approved', label: p.approve, primary: true });
  if (status !== 'candidate') moves.push({ to: 'candidate', label: p.toCandidate });
  if (status !== 'left') moves.push({ to: 'left', label: p.markLeft });
  return (
    <div className="status-controls" data-testid={`status-${bank}`}>
      <div className="button-row">
        {moves.map((mv) => (
          <form key={mv.to} {...formProps} ref={undefined}>
            <Hidden {...ids} />
            <input type="hidden" name="bank" value={bank} />
            <input type="hidden" name="status" value={mv.to} />
            <button type="submit" className={mv.primary ? 'primary' : undefined} disabled={pending} aria-describedby={msgId}>
              {mv.label}
            </button>
          </form>
        ))}
      </div>
      <FormMessage id={msgId} state={state} m={m} success={p.statusChanged} />
    </div>
  );
}

/** Records one signed consent document. A minor's consent defaults to the guardian as signer. */
export function ConsentForm({ ids, personName, minor, locale, today }: { ids: Ids; personName: string; minor: boolean; locale: Locale; today: string }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(recordConsentAction);
  const { msgId, mark } = useFieldMarks(state);
  return (
    <form {...formProps} className="form person-form" data-testid="consent-form">
      <Hidden {...ids} />
      <input type="hidden" name="personName" value={personName} />
      <div className="form-grid">
        <ConsentFields m={m} prefix="" mark={mark} minor={minor} today={today} withPurpose />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>{m.people.recordConsent}</button>
      </div>
      <FormMessage id={msgId} state={state} m={m} success={m.people.consentRecorded} />
    </form>
  );
}

export function WithdrawButton({ ids, consentId, label, locale }: { ids: Ids; consentId: string; label: string; locale: Locale }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(withdrawConsentAction);
  const msgId = `${useId()}-msg`;
  const due = state?.ok && typeof state.data?.eraseDueOn === 'string' ? state.data.eraseDueOn : null;
  return (
    <form {...formProps} className="inline">
      <Hidden {...ids} />
      <input type="hidden" name="consentId" value={consentId} />
      <button type="submit" className="danger" disabled={pending} aria-label={label}>{m.people.withdraw}</button>
      <FormMessage id={msgId} state={state} m={m} success={due ? m.people.stopped(ruDate(due)) : m.people.withdrawnDone} />
    </form>
  );
}

/** «Уничтожить персональные данные»: a confirm step in a modal dialog that says it cannot be undone. */
export function EraseButton({ ids, locale }: { ids: Ids; locale: Locale }) {
  const m = messagesFor(locale);
  const p = m.people;
  const dialog = useRef<HTMLDialogElement>(null);
  const { state, pending, formProps } = useFormAction(erasePersonAction, { onSuccess: () => dialog.current?.close() });
  const id = useId();
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>{p.erase}</button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
        <h2 id={`${id}-t`}>{p.erase}</h2>
        <p id={`${id}-d`}>{p.eraseExplain}</p>
        <form {...formProps} className="button-row">
          <Hidden {...ids} />
          <button type="submit" className="danger-solid" disabled={pending}>{p.eraseConfirm}</button>
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>{p.cancel}</button>
        </form>
        <FormMessage id={`${id}-msg`} state={state && !state.ok ? state : null} m={m} />
      </dialog>
    </>
  );
}

/** Links the person's account by email, or invites one: a new account's one-time password is shown once. */
export function LinkAccountForm({ ids, email, locale }: { ids: Ids; email: string | null; locale: Locale }) {
  const m = messagesFor(locale);
  const p = m.people;
  const { state, pending, formProps } = useFormAction(linkAccountAction);
  const { msgId, mark } = useFieldMarks(state);
  const password = state?.ok && typeof state.data?.password === 'string' ? state.data.password : null;
  return (
    <form {...formProps} className="form inline-fields" data-testid="link-account">
      <Hidden {...ids} />
      <label>
        {p.linkEmail}
        <input name="email" type="email" required maxLength={254} defaultValue={email ?? ''} {...mark('email')} />
      </label>
      <button type="submit" disabled={pending}>{p.link}</button>
      <FormMessage
        id={msgId}
        state={state}
        m={m}
        success={
          password ? (
            <>
              {p.invited} <code className="otp" data-testid="one-time-password">{password}</code>
            </>
          ) : (
            p.linkedExisting
          )
        }
      />
    </form>
  );
}
