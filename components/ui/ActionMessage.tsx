'use client';
import type { ActionState } from '@/app/actions/result';
import type { Messages } from '@/lib/i18n/messages';

/** The outcome of a form's server action, announced to screen readers. */
export function ActionMessage({ state, errors, success }: { state: ActionState; errors: Messages['errors']; success?: string }) {
  if (!state) return null;
  if (state.ok) return success ? <p className="msg ok" role="status">{success}</p> : null;
  return (
    <p className="msg error" role="alert">
      {errors[state.code]}
      {state.fields?.length && state.code === 'INVALID_INPUT' ? ` (${state.fields.join(', ')})` : ''}
    </p>
  );
}
