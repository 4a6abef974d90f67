'use client';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CardView, ColumnView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';
import { CardFace } from './CardFace';
import type { Presence } from './useLiveBoard';

type Props = {
  column: ColumnView;
  cards: CardView[]; // the visible ones (filters)
  index: number;
  count: number;
  m: Messages['board'];
  canEdit: boolean;
  today: Date;
  editorsOf: (cardId: string) => Presence[];
  onOpen: (cardId: string, byKeyboard?: boolean) => void;
  onRename: (columnId: string, title: string) => void;
  onMove: (columnId: string, toIndex: number) => void;
  onRemove: (columnId: string) => void;
  onAddCard: (columnId: string, title: string) => void;
};

export function Column(props: Props) {
  const { column, cards, m, canEdit } = props;
  const sortable = useSortable({ id: `col:${column.id}`, data: { type: 'column', columnId: column.id, title: column.title }, disabled: !canEdit });
  const body = useDroppable({ id: `body:${column.id}`, data: { type: 'column-body', columnId: column.id } });
  const [renaming, setRenaming] = useState(false);
  const [adding, setAdding] = useState(false);

  const rename = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const title = String(new FormData(e.currentTarget).get('title') ?? '').trim();
    if (title) props.onRename(column.id, title);
    setRenaming(false);
  };
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem('title') as HTMLInputElement;
    const title = input.value.trim();
    if (!title) return;
    props.onAddCard(column.id, title);
    input.value = ''; // stays open for the next one
  };
  const escape = (close: () => void) => (e: KeyboardEvent) => e.key === 'Escape' && close();

  return (
    <section
      ref={sortable.setNodeRef}
      className={`column live${sortable.isDragging ? ' dragging' : ''}${body.isOver ? ' over' : ''}`}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      aria-label={column.title}
      data-column-id={column.id}
    >
      <header className="column-head">
        {renaming ? (
          <form onSubmit={rename} className="inline-form">
            <input name="title" defaultValue={column.title} aria-label={m.columnTitle} autoFocus onKeyDown={escape(() => setRenaming(false))} maxLength={300} />
          </form>
        ) : (
          <h2>
            {canEdit ? (
              <button
                type="button"
                className="column-grip"
                {...sortable.attributes}
                {...sortable.listeners}
                aria-label={`${column.title}. ${m.dragHint}`}
                aria-roledescription={m.stage}
              >
                ⠿
              </button>
            ) : null}
            <span className="column-title" onDoubleClick={() => canEdit && setRenaming(true)}>
              {column.title}
            </span>{' '}
            <span className="count">{props.count}</span>
          </h2>
        )}
        {canEdit && !renaming && (
          <div className="column-actions">
            <button type="button" onClick={() => setRenaming(true)} aria-label={`${m.renameColumn}: ${column.title}`} title={m.renameColumn}>✎</button>
            <button type="button" onClick={() => props.onMove(column.id, props.index - 1)} aria-label={`${m.moveLeft}: ${column.title}`} title={m.moveLeft}>←</button>
            <button type="button" onClick={() => props.onMove(column.id, props.index + 1)} aria-label={`${m.moveRight}: ${column.title}`} title={m.moveRight}>→</button>
            <button type="button" onClick={() => props.onRemove(column.id)} aria-label={`${m.removeColumn}: ${column.title}`} title={m.removeColumn}>×</button>
          </div>
        )}
      </header>
      <SortableContext items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={body.setNodeRef} className="column-cards">
          {cards.map((card) => (
            <CardFace key={card.id} card={card} m={m} editors={props.editorsOf(card.id)} canEdit={props.canEdit} today={props.today} onOpen={props.onOpen} />
          ))}
          {cards.length === 0 && <li className="hint empty-column">{m.empty}</li>}
        </ul>
      </SortableContext>
      {canEdit &&
        (adding ? (
          <form onSubmit={add} className="quick-add">
            <input name="title" placeholder={m.cardTitle} aria-label={`${m.cardTitle} (${column.title})`} autoFocus maxLength={500} onKeyDown={escape(() => setAdding(false))} />
            <div className="row">
              <button type="submit" className="primary">{m.add}</button>
              <button type="button" onClick={() => setAdding(false)}>{m.cancel}</button>
            </div>
          </form>
        ) : (
          <button type="button" className="add-card" onClick={() => setAdding(true)}>
            + {m.addCard}
          </button>
        ))}
    </section>
  );
}
