'use client';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addCard, addColumn, BoardOpError, moveCard, moveColumn, removeColumn, renameColumn } from '@/lib/board/ops';
import type { BoardView, CardView } from '@/lib/board/doc';
import { allResponsible, dropTarget, isFiltering, matchesFilter, NO_FILTER, type BoardFilter } from '@/lib/board/view-logic';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import type { EditScope } from '@/lib/permissions/can';
import type { PeopleAccess } from '@/lib/permissions/people';
import { CardBody, initials } from './CardFace';
import { CardDialog } from './CardDialog';
import { Column } from './Column';
import { PairsBoard } from './pairs/PairsBoard';
import type { PairSummary } from '@/lib/pairs/types';
import { useLiveBoard, type LiveBoardState, type Presence } from './useLiveBoard';

type Props = {
  boardId: string;
  initialState: string;
  /** What this user may change: everything, only its own pairs (a mentor), or nothing. */
  scope: EditScope;
  me: { id: string; name: string };
  locale: Locale;
  /** A pairs board: its organisation and the user's rights on its people (curator/admin 'edit', head 'read'). */
  pairs?: { orgId: string; access: PeopleAccess; initial?: PairSummary[] };
};

const NOBODY: Presence[] = [];

/**
 * A live board: a roadmap's activities, or a pairs board (components/board/pairs), whose
 * cards are pairs moved by the server when a meeting is recorded.
 */
export function LiveBoard(props: Props) {
  const live = useLiveBoard(props.boardId, props.initialState, props.me);
  if (live.view.kind === 'pairs') {
    return (
      <PairsBoard
        live={live}
        boardId={props.boardId}
        scope={props.scope}
        me={props.me}
        locale={props.locale}
        orgId={props.pairs?.orgId ?? null}
        access={props.pairs?.access ?? 'none'}
        initialPairs={props.pairs?.initial}
      />
    );
  }
  return <RoadmapBoard live={live} {...props} />;
}

function RoadmapBoard({ live, boardId, scope, me, locale }: Props & { live: LiveBoardState }) {
  const canEdit = scope === 'all'; // columns and new cards
  const m = messagesFor(locale).board;
  const { doc, view, connection, presence, selfClientId, setEditing, saving } = live;
  const [openCard, setOpenCard] = useState<string | null>(null);
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [active, setActive] = useState<CardView | null>(null);
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const lastDrag = useRef(0);
  const today = useMemo(() => new Date(), []);

  useEffect(() => {
    fetch(`/api/boards/${boardId}/members`)
      .then((r) => (r.ok ? r.json() : []))
      .then(setPeople)
      .catch(() => {});
  }, [boardId]);

  // Mouse and touch apart (as on the pairs board): a pointer sensor took a touch first and lost it
  // to the page's panning (pointercancel), so a long press on a tablet never picked a card up.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] },
    }),
  );

  const cards = view.columns.flatMap((c) => c.cards);
  const titleOf = (id: string | number) => {
    const s = String(id);
    if (s.startsWith('col:')) return view.columns.find((c) => `col:${c.id}` === s)?.title ?? '';
    if (s.startsWith('body:')) return view.columns.find((c) => `body:${c.id}` === s)?.title ?? '';
    return cards.find((c) => c.id === s)?.title ?? '';
  };
  const where = (over: { id: string | number; data: { current?: Record<string, unknown> } } | null) => {
    if (!over) return '—';
    const column = view.columns.find((c) => c.id === over.data.current?.columnId);
    const overTitle = over.data.current?.type === 'card' ? `«${titleOf(over.id)}», ` : '';
    return `${overTitle}${column ? `${m.stage} «${column.title}»` : ''}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => (a.data.current?.type === 'column' ? m.columnPicked(titleOf(a.id)) : m.picked(titleOf(a.id))),
    onDragOver: ({ active: a, over }) => m.over(titleOf(a.id), where(over)),
    onDragEnd: ({ active: a, over }) => (a.data.current?.type === 'column' ? m.columnDropped(titleOf(a.id)) : m.dropped(titleOf(a.id), where(over))),
    onDragCancel: ({ active: a }) => m.cancelled(titleOf(a.id)),
  };

  const onDragStart = (e: DragStartEvent) => {
    setActive(e.active.data.current?.type === 'card' ? (cards.find((c) => c.id === e.active.id) ?? null) : null);
  };
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    lastDrag.current = Date.now();
    if (!over) return;
    try {
      if (a.data.current?.type === 'column') {
        const columnId = String(a.data.current.columnId);
        const target = view.columns.findIndex((c) => c.id === over.data.current?.columnId);
        if (target >= 0) moveColumn(doc, columnId, target);
        return;
      }
      const moving = cards.find((c) => c.id === a.id);
      if (!moving || !canEdit) return;
      const target = dropTarget(view, String(a.id), over);
      if (target) moveCard(doc, String(a.id), target.columnId, target.index); // one transaction: column and order
    } catch (err) {
      if (!(err instanceof BoardOpError)) throw err; // e.g. the card was removed meanwhile
    }
  };

  const open = useCallback(
    (id: string, byKeyboard?: boolean) => {
      if (!byKeyboard && Date.now() - lastDrag.current < 250) return; // the click that ends a drag
      setOpenCard(id);
      setEditing(id);
    },
    [setEditing],
  );
  const close = () => {
    setOpenCard(null);
    setEditing(null);
  };
  const others = presence.filter((p) => p.clientId !== selfClientId);
  const editorsOf = useCallback(
    (cardId: string): Presence[] => {
      const list = others.filter((p) => p.editing === cardId);
      return list.length ? list : NOBODY; // a stable empty list keeps memoised cards still
    },
    [others],
  );
  const visible = (list: CardView[]) => (isFiltering(filter) ? list.filter((c) => matchesFilter(c, filter, today)) : list);
  const shownCount = view.columns.reduce((n, c) => n + visible(c.cards).length, 0);
  const opened = openCard ? cards.find((c) => c.id === openCard) : undefined;

  const onRemoveColumn = (columnId: string) => {
    const index = view.columns.findIndex((c) => c.id === columnId);
    const target = view.columns[index - 1] ?? view.columns[index + 1];
    if (!target) return window.alert(m.lastColumn);
    if (window.confirm(m.confirmRemove(view.columns[index].title, target.title))) removeColumn(doc, columnId);
  };
  const onAddColumn = () => {
    const title = window.prompt(m.columnTitle)?.trim();
    if (title) addColumn(doc, { title });
  };

  return (
    <div className="live-board">
      <div className="board-toolbar">
        <p className={`connection ${connection}`} role="status" data-testid="connection" data-state={connection}>
          <span className="dot" aria-hidden /> {m[connection]}
        </p>
        {scope === 'none' && <span className="badge" data-testid="read-only">{m.readOnly}</span>}
        <ul className="presence" aria-label={m.onBoard}>
          {presence.map((p) => (
            <li key={p.clientId} className="avatar" style={{ background: p.color }} title={p.name}>
              <span aria-hidden>{initials(p.name)}</span>
              <span className="sr-only">{p.name}</span>
            </li>
          ))}
        </ul>
        <form className="filters" role="search" aria-label={m.filters} onSubmit={(e) => e.preventDefault()}>
          <input type="search" placeholder={m.search} aria-label={m.search} value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
          <select aria-label={m.responsible} value={filter.responsible} onChange={(e) => setFilter({ ...filter, responsible: e.target.value })}>
            <option value="">{m.anyResponsible}</option>
            {allResponsible(cards).map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <select aria-label={m.status} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
            <option value="">{m.anyStatus}</option>
            {Object.entries(m.statuses).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <label><input type="checkbox" checked={filter.overdue} onChange={(e) => setFilter({ ...filter, overdue: e.target.checked })} /> {m.onlyOverdue}</label>
          <label><input type="checkbox" checked={filter.mine.length > 0} onChange={(e) => setFilter({ ...filter, mine: e.target.checked ? [me.name, me.id] : [] })} /> {m.mine}</label>
          {isFiltering(filter) && <span className="hint" aria-live="polite">{m.shown(shownCount, cards.length)}</span>}
        </form>
      </div>
      {saving.saving !== 'ok' && (
        <p className="msg error saving-alert" role="alert" data-testid="not-saving" data-reason={saving.reason}>
          <strong>{m.notSaving}:</strong> {saving.reason === 'board-full' ? m.notSavingBoardFull : m.notSavingDatabase}
        </p>
      )}
      <p id="board-dnd-hint" className="sr-only">{m.dragHint}</p>

      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        accessibility={{ announcements, screenReaderInstructions: { draggable: m.dragHint } }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActive(null)}
      >
        <SortableContext items={view.columns.map((c) => `col:${c.id}`)} strategy={horizontalListSortingStrategy}>
          <div className="columns live" data-testid="board-columns">
            {view.columns.map((column, index) => (
              <Column
                key={column.id}
                column={column}
                cards={visible(column.cards)}
                count={column.cards.length}
                index={index}
                m={m}
                canEdit={canEdit}
                today={today}
                editorsOf={editorsOf}
                onOpen={open}
                onRename={(id, title) => renameColumn(doc, id, title)}
                onMove={(id, to) => to >= 0 && to < view.columns.length && moveColumn(doc, id, to)}
                onRemove={onRemoveColumn}
                onAddCard={(columnId, title) => addCard(doc, { columnId, title, fields: view.kind === 'roadmap' ? { status: 'todo', responsible: [], checklist: [] } : {} })}
              />
            ))}
            {canEdit && (
              <button type="button" className="add-column" onClick={onAddColumn}>
                + {m.addColumn}
              </button>
            )}
          </div>
        </SortableContext>
        <DragOverlay>{active ? <div className="card board-card overlay"><CardBody card={active} m={m} editors={[]} today={today} /></div> : null}</DragOverlay>
      </DndContext>

      {opened && <CardDialog key={opened.id} doc={doc} boardId={boardId} card={opened} m={m} canEdit={canEdit} me={me} people={people} onClose={close} />}
    </div>
  );
}
