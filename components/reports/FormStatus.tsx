'use client';
import type { ActionState } from '@/app/actions/result';
import type { Messages } from '@/lib/i18n/messages';

/**
 * A report form's progress and outcome, announced: «Сохраняем…» while it submits, then the
 * success text or the refusal in words. Report codes (REPORT_SIGNED, …) have their own text on
 * this page; any other code its general one, and a code no dictionary knows the generic one.
 */
export function FormStatus({ state, pending, m, success, pendingText }: { state: ActionState; pending: boolean; m: Messages; success?: string; pendingText?: string }) {
  if (pending) {
    return (
      <p className="msg pending" role="status">
        {pendingText ?? m.reports.saving}
      </p>
    );
  }
  if (!state) return <p className="sr-only" role="status" />;
  if (state.ok) {
    return (
      <p className="msg ok" role="status">
        {success ?? m.reports.saved}
      </p>
    );
  }
  const general = m.errors as Record<string, string>;
  return (
    <p className="msg error" role="alert">
      {m.reports.errors[state.code] ?? general[state.code] ?? general.UNKNOWN}
      {state.fields?.length && state.code === 'INVALID_INPUT' ? ` (${state.fields.join(', ')})` : ''}
    </p>
  );
}
