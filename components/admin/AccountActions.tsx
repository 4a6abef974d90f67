'use client';
import { resetPasswordAction, setAccountDisabledAction } from '@/app/actions/admin';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { ActionMessage } from '../ui/ActionMessage';
import { useFormAction } from '../ui/useFormAction';

/** An admin's controls for one account: a new password, or disabling it (its sessions end). */
export function AccountActions(props: { userId: string; name: string; disabled: boolean; locale: Locale }) {
  const m = messagesFor(props.locale);
  const reset = useFormAction(resetPasswordAction, { resetOnSuccess: true });
  const toggle = useFormAction(setAccountDisabledAction);
  return (
    <div className="account-actions">
      <form {...reset.formProps} className="inline-form" data-testid="reset-password">
        <input type="hidden" name="userId" value={props.userId} />
        <input
          name="password"
          type="password"
          minLength={8}
          maxLength={200}
          required
          autoComplete="new-password"
          aria-label={`${m.accounts.resetFor} ${props.name}`}
          placeholder={m.accounts.resetPassword}
        />
        <button type="submit" disabled={reset.pending}>{m.accounts.reset}</button>
        <ActionMessage state={reset.state} errors={m.errors} success={m.accounts.resetDone} />
      </form>
      <form {...toggle.formProps}>
        <input type="hidden" name="userId" value={props.userId} />
        <input type="hidden" name="disabled" value={props.disabled ? 'false' : 'true'} />
        <button type="submit" disabled={toggle.pending} aria-label={`${props.disabled ? m.accounts.enable : m.accounts.disable}: ${props.name}`}>
          {props.disabled ? m.accounts.enable : m.accounts.disable}
        </button>
        <ActionMessage state={toggle.state} errors={m.errors} success={props.disabled ? m.accounts.disableDone : m.accounts.enableDone} />
      </form>
    </div>
  );
}
