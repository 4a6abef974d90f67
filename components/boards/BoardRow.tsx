'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { archiveBoardAction, renameBoardAction } from '@/app/actions/boards';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { ActionMessage } from '../ui/ActionMessage';
import { useFormAction } from '../ui/useFormAction';

type Props = {
  board: { id: string; title: string; kind: 'roadmap' | 'pairs'; archived: boolean; periodFrom: number | null; periodTo: number | null };
  mayUpdate: boolean;
  locale: Locale;
};

export function BoardRow({ board, mayUpdate, locale }: Props) {
  const m = messagesFor(locale);
  const [editing, setEditing] = useState(false);
  const { state: renameState, pending: renaming, formProps: renameForm } = useFormAction(renameBoardAction, { onSuccess: () => setEditing(false) });
  const [archiveState, archive, archiving] = useActionState(archiveBoardAction, null);

  return (
    <li className={`board-row${board.archived ? ' archived' : ''}`}>
      {editing ? (
        <form {...renameForm} className="inline-form">
          <input type="hidden" name="boardId" value={board.id} />
          <label className="sr-only" htmlFor={`title-${board.id}`}>{m.home.boardTitle}</label>
          <input id={`title-${board.id}`} name="title" defaultValue={board.title} required maxLength={300} autoFocus />
          <button type="submit" className="primary" disabled={renaming}>{m.home.save}</button>
          <button type="button" onClick={() => setEditing(false)}>{m.home.cancel}</button>
        </form>
      ) : (
        <>
          <Link href={`/boards/${board.id}`} className="board-link">{board.title}</Link>
          <span className="badge">{m.kinds[board.kind]}</span>
          {board.periodFrom && <span className="hint">{board.periodFrom}–{board.periodTo}</span>}
          {board.archived && <span className="badge muted">{m.home.archived}</span>}
        </>
      )}
      {mayUpdate && !editing && (
        <span className="row-actions">
          {!board.archived && (
            <button type="button" onClick={() => setEditing(true)} aria-label={`${m.home.rename}: ${board.title}`}>
              {m.home.rename}
            </button>
          )}
          <form action={archive}>
            <input type="hidden" name="boardId" value={board.id} />
            <input type="hidden" name="archived" value={board.archived ? '0' : '1'} />
            <button type="submit" disabled={archiving}>{board.archived ? m.home.unarchive : m.home.archive}</button>
          </form>
        </span>
      )}
      <ActionMessage state={renameState} errors={m.errors} />
      <ActionMessage state={archiveState} errors={m.errors} />
    </li>
  );
}
