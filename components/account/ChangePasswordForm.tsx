'use client';
import { signOut } from 'next-auth/react';
import { changeOwnPasswordAction } from '@/app/actions/account';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { ActionMessage } from '../ui/ActionMessage';
import { useFormAction } from '../ui/useFormAction';

/** Every session of the account ends with the change, this one too: the user signs in again. */
export function ChangePasswordForm({ locale }: { locale: Locale }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(changeOwnPasswordAction, {
    resetOnSuccess: true,
    onSuccess: () => void signOut({ callbackUrl: '/signin?changed=1' }),
  });
  const mismatch = state && !state.ok && state.code === 'INVALID_INPUT' && state.fields?.includes('repeatPassword');
  return (
    <form {...formProps} className="card form" aria-labelledby="change-password" data-testid="change-password">
      <h2 id="change-password">{m.accounts.changePassword}</h2>
      <label>{m.accounts.currentPassword}<input name="currentPassword" type="password" required autoComplete="current-password" /></label>
      <label>{m.accounts.newPassword}<input name="newPassword" type="password" minLength={8} maxLength={200} required autoComplete="new-password" /></label>
      <label>{m.accounts.repeatPassword}<input name="repeatPassword" type="password" minLength={8} maxLength={200} required autoComplete="new-password" /></label>
      <button type="submit" className="primary" disabled={pending}>{m.accounts.save}</button>
      {mismatch ? <p className="msg error" role="alert">{m.accounts.mismatch}</p> : <ActionMessage state={state} errors={m.errors} success={m.accounts.changedSignInAgain} />}
    </form>
  );
}
