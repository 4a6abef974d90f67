'use client';
import type { ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages';

/**
 * The foot of the pairs' dialogs: the server's refusal (Russian, from the API) and the buttons.
 * While saving, the main button stays focusable (aria-disabled; submit ignores it while busy),
 * so the keyboard's place is not lost to the page.
 */
export function DialogFoot({
  error,
  errorTestId,
  busy,
  label,
  mp,
  onCancel,
  disabled,
  sticky,
}: {
  error: string | null;
  errorTestId: string;
  busy: boolean;
  label: string;
  mp: Messages['pairs'];
  onCancel: () => void;
  disabled?: boolean;
  sticky?: boolean;
}) {
  return (
    <>
      {error && (
        <p className="msg error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <div className={sticky ? 'form-actions sticky-actions' : 'form-actions'}>
        <button type="submit" className="primary" disabled={disabled} aria-disabled={busy || undefined}>
          {busy ? mp.saving : label}
        </button>
        <button type="button" onClick={onCancel}>
          {mp.cancel}
        </button>
      </div>
    </>
  );
}

/** A reason asked for (ending early, going back): a textarea marked invalid with its message while empty. */
export function ReasonField({
  id,
  label,
  value,
  onChange,
  required,
  invalid,
  mp,
  autoFocus,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  required: boolean;
  invalid: boolean;
  mp: Messages['pairs'];
  autoFocus?: boolean;
  hint?: ReactNode;
}) {
  return (
    <label>
      {label}
      {hint}
      <textarea
        id={`${id}-reason`}
        rows={3}
        maxLength={2000}
        required={required}
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(invalid ? { 'aria-invalid': true, 'aria-describedby': `${id}-reason-err` } : {})}
      />
      {invalid && <span id={`${id}-reason-err`} className="field-error">{mp.problems.reasonRequired}</span>}
    </label>
  );
}
