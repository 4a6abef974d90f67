'use client';
import { startTransition, useActionState, useRef, type FormEvent } from 'react';
import type { ActionState } from '@/app/actions/result';

/**
 * Runs a server action from a form without React's automatic form reset, so a refused
 * submission keeps everything the user typed; the form is cleared only on success.
 */
export function useFormAction(
  action: (prev: ActionState, form: FormData) => Promise<ActionState>,
  opts: { resetOnSuccess?: boolean; onSuccess?: () => void } = {},
) {
  const ref = useRef<HTMLFormElement>(null);
  const [state, run, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await action(prev, form);
    if (next?.ok) {
      if (opts.resetOnSuccess) ref.current?.reset();
      opts.onSuccess?.();
    }
    return next;
  }, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => run(data));
  };
  return { state, pending, formProps: { ref, onSubmit } };
}
