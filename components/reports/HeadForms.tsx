'use client';
import { useId, useRef } from 'react';
import { reopenReportAction, signReportAction } from '@/app/actions/reports';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { useFormAction } from '../ui/useFormAction';
import { FormStatus } from './FormStatus';

// The head's controls: sign the round off (after a confirmation, since it freezes the figures)
// and open a new version of a signed one, with a reason.

type Base = { orgId: string; round: string; locale: Locale };

export function SignReportButton({ orgId, round, locale }: Base) {
  const m = messagesFor(locale);
  const r = m.reports;
  const dialog = useRef<HTMLDialogElement>(null);
  const { state, pending, formProps } = useFormAction(signReportAction, { onSuccess: () => dialog.current?.close() });
  const id = useId();
  return (
    <div className="report-sign">
      <button type="button" className="primary" onClick={() => dialog.current?.showModal()} data-testid="sign-report">
        {r.sign}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} data-testid="sign-dialog">
        <h2 id={`${id}-t`}>{r.signConfirm}</h2>
        <p id={`${id}-d`}>{r.signExplain}</p>
        <form {...formProps} className="button-row">
          <input type="hidden" name="orgId" value={orgId} />
          <input type="hidden" name="round" value={round} />
          <button type="submit" className="primary" disabled={pending}>
            {r.signYes}
          </button>
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>
            {r.cancel}
          </button>
        </form>
        <FormStatus state={state && !state.ok ? state : null} pending={pending} m={m} pendingText={r.signing} />
      </dialog>
      {state?.ok ? (
        <p className="msg ok" role="status">
          {r.signedOk}
        </p>
      ) : null}
    </div>
  );
}

export function ReopenReportForm({ orgId, round, locale }: Base) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(reopenReportAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="form report-form" aria-label={r.reopen} data-testid="reopen-form">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="round" value={round} />
      <label>
        {r.reopenReason}
        <textarea name="reason" rows={2} required maxLength={1000} />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {r.reopen}
        </button>
      </div>
      <FormStatus state={state} pending={pending} m={m} pendingText={r.reopening} success={r.reopenedOk} />
    </form>
  );
}
