'use client';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, type KeyboardEvent } from 'react';
import type { CardView } from '@/lib/board/doc';
import { deadlineUrgency } from '@/lib/board/view-logic';
import type { Messages } from '@/lib/i18n/messages';
import type { Presence } from './useLiveBoard';

type Props = { card: CardView; m: Messages['board']; editors: Presence[]; canEdit: boolean; today: Date; onOpen: (id: string, byKeyboard?: boolean) => void };

export function CardBody({ card, m, editors, today }: Omit<Props, 'canEdit' | 'onOpen'>) {
  const f = card.fields;
  const urgency = deadlineUrgency(f, today);
  const checklist = Array.isArray(f.checklist) ? (f.checklist as { done: boolean }[]) : [];
  const responsible = Array.isArray(f.responsible) ? (f.responsible as string[]) : [];
  const deadline = (f.deadline as { text?: string } | undefined)?.text;
  return (
    <>
      <div className="card-title">
        {f.number ? <span className="card-number">{String(f.number)}</span> : null}
        {card.title}
      </div>
      {deadline && (
        <div className={`card-deadline ${urgency ?? ''}`}>
          {m.deadline}: {deadline}
          {urgency && <span className="sr-only"> ({m[urgency]})</span>}
        </div>
      )}
      {responsible.length > 0 && <div className="card-meta">{responsible.join(', ')}</div>}
      <div className="card-foot">
        {typeof f.status === 'string' && <span className={`badge status-${f.status}`}>{m.statuses[f.status] ?? f.status}</span>}
        {checklist.length > 0 && (
          <span className="badge" title={m.checklist}>
            ✓ {checklist.filter((c) => c.done).length}/{checklist.length}
          </span>
        )}
        {editors.map((p) => (
          <span key={p.clientId} className="avatar small" style={{ background: p.color }} title={`${p.name} — ${m.editing}`}>
            {initials(p.name)}
          </span>
        ))}
      </div>
    </>
  );
}

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** A card on the board: a sortable handle for dnd-kit, a button that opens the card. */
export const CardFace = memo(function CardFace({ card, m, editors, canEdit, today, onOpen }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: 'card', columnId: card.columnId, title: card.title },
    disabled: !canEdit,
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(card.id, true);
    } else listeners?.onKeyDown?.(e);
  };
  // The list item stays a list item (a role on the <li> itself would take it out of the
  // column's list); the card inside it is the button and the drag handle.
  return (
    <li ref={setNodeRef} className="card-slot" style={{ transform: CSS.Translate.toString(transform), transition }}>
      <div
        ref={setActivatorNodeRef}
        className={`card board-card${isDragging ? ' dragging' : ''}${editors.length ? ' being-edited' : ''}`}
        style={editors[0] ? { borderColor: editors[0].color } : undefined}
        data-card-id={card.id}
        {...(canEdit ? attributes : {})}
        {...(canEdit ? listeners : {})}
        role="button"
        tabIndex={0}
        aria-label={card.title}
        onKeyDown={onKeyDown}
        onClick={() => onOpen(card.id)}
      >
        <CardBody card={card} m={m} editors={editors} today={today} />
      </div>
    </li>
  );
});
