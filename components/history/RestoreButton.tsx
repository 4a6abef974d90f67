'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ErrorCode } from '@/lib/errors';
import { messagesFor, type Locale } from '@/lib/i18n/messages';

/**
 * «Вернуть прежнее значение» / «Восстановить карточку» on an event of a card's history: the
 * server applies the old value as a new change (POST /api/boards/<id>/restore) and audits it as
 * a restore. Shown only to those who may edit the board; the server checks again.
 */
export function RestoreButton({ boardId, eventId, kind, locale }: { boardId: string; eventId: number; kind: 'field' | 'card'; locale: Locale }) {
  const m = messagesFor(locale).history;
  const errors = messagesFor(locale).errors as Record<string, string>;
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const restore = async () => {
    setState({ busy: true, message: m.restoring, error: false });
    try {
      const res = await fetch(`/api/boards/${boardId}/restore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ eventId }),
      });
      const json = (await res.json().catch(() => ({}))) as { error?: { code?: ErrorCode } };
      if (!res.ok) {
        // The message for the code, in the page's language (the API's own text is for developers).
        setState({ busy: false, message: (json.error?.code && errors[json.error.code]) || errors.UNKNOWN, error: true });
        return;
      }
      setState({ busy: false, message: m.restored, error: false });
      router.refresh(); // the restore's own entry appears at the top
    } catch {
      setState({ busy: false, message: errors.UNKNOWN, error: true });
    }
  };
  return (
    <span className="restore">
      <button type="button" className="small" onClick={restore} disabled={state.busy} data-testid={`restore-${eventId}`}>
        {kind === 'card' ? m.restoreCard : m.restoreValue}
      </button>
      <span role="status" className={state.error ? 'error-text' : 'hint'}>
        {state.message}
      </span>
    </span>
  );
}
