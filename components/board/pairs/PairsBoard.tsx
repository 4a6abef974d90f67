'use client';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BoardOpError, moveCard } from '@/lib/board/ops';
import type { CardView } from '@/lib/board/doc';
import { isPairFiltering, matchesPairFilter, NO_PAIR_FILTER, pairFilterOptions, type PairFilter } from '@/lib/board/pair-filters';
import { dropTarget } from '@/lib/board/view-logic';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { todayIso } from '@/lib/people/rules';
import { dropIntent, mayMovePair } from '@/lib/pairs/moves';
import type { MeetingKind, PairStage } from '@/lib/pairs/types';
import type { EditScope } from '@/lib/permissions/can';
import type { PairSummary } from '@/lib/pairs/types';
import type { PeopleAccess } from '@/lib/permissions/people';
import { EndPairDialog, StageBackDialog } from '@/components/pairs/EndPairDialog';
import { MeetingDialog } from '@/components/pairs/MeetingDialog';
import { initials } from '../CardFace';
import type { LiveBoardState, Presence } from '../useLiveBoard';
import { MoveMenu } from './MoveMenu';
import { PairCardBody, type BoardPair } from './PairCardFace';
import { PairCardDialog } from './PairCardDialog';
import { PairColumn } from './PairColumn';
import { StageSwitcher, useNarrow } from './StageSwitcher';
import { usePairSummaries } from './usePairSummaries';

type Props = {
  live: LiveBoardState;
  boardId: string;
  /** the board's Yjs write scope: reordering inside a column and comments */
  scope: EditScope;
  me: { id: string; name: string };
  locale: Locale;
  orgId: string | null;
  /** the user's rights on the organisation's people: 'edit' is its curator or administrator */
  access: PeopleAccess;
  /** the pairs behind the cards as the page was rendered (the server read them with the board) */
  initialPairs?: PairSummary[];
};

type Pending =
  | { type: 'meeting'; cardId: string; kind: MeetingKind; skipped: PairStage[] }
  | { type: 'back'; cardId: string; to: PairStage }
  | { type: 'end'; cardId: string };

const NOBODY: Presence[] = [];

// A pointer over a stage tab (a phone) or a column decides; the keyboard, without a pointer, goes by corners.
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length ? within : closestCorners(args);
};

/**
 * The pairs board (issue 14): each card is a pair, its column the pair's meeting stage.
 * Moving a pair is a domain act, not an edit of the board: dropping it into a later stage
 * opens «Запись о встрече», back asks for a reason, into «Завершено» ends the pair — and the
 * card moves only when the server, having recorded it, moves it. Reordering inside a stage
 * and comments stay edits of the shared board.
 */
export function PairsBoard({ live, boardId, scope, me, locale, orgId, access, initialPairs }: Props) {
  const msgs = messagesFor(locale);
  const m = msgs.board;
  const mp = msgs.pairs;
  const { doc, view, connection, presence, selfClientId, setEditing, saving } = live;
  const { pairs, failed, refresh } = usePairSummaries(boardId, view, mp, initialPairs);
  const today = useMemo(() => todayIso(), []);
  const narrow = useNarrow();
  const [filter, setFilter] = useState<PairFilter>(NO_PAIR_FILTER);
  const [openCard, setOpenCard] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [active, setActive] = useState<CardView | null>(null);
  const [stage, setStage] = useState<string>(view.columns[0]?.id ?? 'intro');
  const lastDrag = useRef(0);

  const level = access === 'edit' ? 'edit' : access === 'read' ? 'read' : 'none';
  const canMove = useCallback((card: CardView) => mayMovePair(level, pairs.get(card.id)), [level, pairs]);
  const mayEditCard = (card: CardView) => scope === 'all' || (scope === 'own-pairs' && pairs.get(card.id)?.mine === true);

  // Mouse and touch apart: a pointer sensor would take a touch first and lose it to the page's
  // panning (pointercancel), so a long press would never pick the card up.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] },
    }),
  );

  const cards = useMemo(() => view.columns.flatMap((c) => c.cards), [view]);
  const cardById = (id: string) => cards.find((c) => c.id === id);
  const titleOf = (id: string | number) => {
    const s = String(id);
    if (s.startsWith('body:') || s.startsWith('tab:')) return view.columns.find((c) => s.endsWith(`:${c.id}`))?.title ?? '';
    return cardById(s)?.title ?? '';
  };
  const where = (over: { id: string | number; data: { current?: Record<string, unknown> } } | null) => {
    if (!over) return '—';
    const column = view.columns.find((c) => c.id === over.data.current?.columnId);
    const overTitle = over.data.current?.type === 'card' ? `«${titleOf(over.id)}», ` : '';
    return `${overTitle}${column ? `${m.stage} «${column.title}»` : ''}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => m.picked(titleOf(a.id)),
    onDragOver: ({ active: a, over }) => m.over(titleOf(a.id), where(over)),
    onDragEnd: ({ active: a, over }) => m.dropped(titleOf(a.id), where(over)),
    onDragCancel: ({ active: a }) => m.cancelled(titleOf(a.id)),
  };

  /** What moving a pair to a stage asks for: a meeting, a reason to go back, or the end. Nothing moves yet. */
  const requestMove = (cardId: string, to: string) => {
    const card = cardById(cardId);
    if (!card || !canMove(card)) return;
    const intent = dropIntent(card.columnId, to);
    movedFrom.current = card.columnId; // the server may move the card before the dialog hears back
    if (intent.kind === 'meeting') setPending({ type: 'meeting', cardId, kind: intent.meeting, skipped: intent.skipped });
    else if (intent.kind === 'back') setPending({ type: 'back', cardId, to: intent.to });
    else if (intent.kind === 'end') setPending({ type: 'end', cardId });
  };

  const onDragStart = (e: DragStartEvent) => setActive(cardById(String(e.active.id)) ?? null);
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    lastDrag.current = Date.now();
    if (!over) return;
    const card = cardById(String(a.id));
    const target = card && dropTarget(view, card.id, over);
    if (!card || !target) return;
    if (target.columnId !== card.columnId) return requestMove(card.id, target.columnId);
    // Reordering inside a stage is an edit of the board (the server lets the pair's own people do it).
    if (over.data.current?.type !== 'card' || !mayEditCard(card)) return;
    try {
      moveCard(doc, card.id, target.columnId, target.index);
    } catch (err) {
      if (!(err instanceof BoardOpError)) throw err;
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
  // Stable for the memoised cards: a change elsewhere on the board does not redraw every card.
  const cardsNow = useRef(cards);
  cardsNow.current = cards;
  const onAddMeeting = useCallback((id: string) => {
    const card = cardsNow.current.find((c) => c.id === id);
    if (card && (card.columnId === 'intro' || card.columnId === 'regular')) {
      movedFrom.current = card.columnId;
      setPending({ type: 'meeting', cardId: id, kind: card.columnId, skipped: [] });
    }
  }, []);
  const onMoveMenu = useCallback((id: string) => setMenuFor(id), []);
  // After a move the server makes, the card is drawn anew in its new stage: the focus follows it there.
  const movedFrom = useRef<string | null>(null);
  const follow = useRef<{ id: string; from: string } | null>(null);
  const finished = (text: string) => {
    const card = pending && cardById(pending.cardId);
    // The stage it was in when the move was asked for: the server's update often arrives before the reply.
    if (card) follow.current = { id: card.id, from: movedFrom.current ?? card.columnId };
    setPending(null);
    setDone(text);
    refresh();
  };
  useEffect(() => {
    const f = follow.current;
    if (!f) return;
    const card = cards.find((c) => c.id === f.id);
    if (!card || card.columnId === f.from) return;
    follow.current = null;
    const el = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(f.id)}"] .pair-open`);
    if (el && (document.activeElement === document.body || document.activeElement === null)) el.focus();
  }, [cards, pending]); // also once the dialog has closed, when the card had moved already

  const others = presence.filter((p) => p.clientId !== selfClientId);
  const editorsOf = useCallback(
    (cardId: string): Presence[] => {
      const list = others.filter((p) => p.editing === cardId);
      return list.length ? list : NOBODY;
    },
    [others],
  );
  const visible = (list: CardView[]) => (isPairFiltering(filter) ? list.filter((c) => matchesPairFilter(c, pairs.get(c.id), filter)) : list);
  const shownCount = view.columns.reduce((n, c) => n + visible(c.cards).length, 0);
  const options = useMemo(() => pairFilterOptions(pairs.values()), [pairs]);
  const anyMine = useMemo(() => [...pairs.values()].some((p) => p.mine), [pairs]);
  const counts = Object.fromEntries(view.columns.map((c) => [c.id, visible(c.cards).length]));
  const shownStage = view.columns.some((c) => c.id === stage) ? stage : (view.columns[0]?.id ?? '');

  const opened = openCard ? cardById(openCard) : undefined;
  const pendingCard = pending ? cardById(pending.cardId) : undefined;
  const pendingPair: BoardPair | undefined = pending ? pairs.get(pending.cardId) : undefined;
  const menuCard = menuFor ? cardById(menuFor) : undefined;

  const filters = (
    <form className="filters" role="search" aria-label={m.filters} onSubmit={(e) => e.preventDefault()}>
      <input type="search" placeholder={m.search} aria-label={m.search} value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
      <select aria-label={mp.form} value={filter.form} onChange={(e) => setFilter({ ...filter, form: e.target.value })}>
        <option value="">{mp.anyForm}</option>
        {options.forms.map((f) => <option key={f} value={f}>{f}</option>)}
      </select>
      {options.mentors.length > 0 && (
        <select aria-label={mp.mentor} value={filter.mentorId} onChange={(e) => setFilter({ ...filter, mentorId: e.target.value })}>
          <option value="">{mp.anyMentor}</option>
          {options.mentors.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      )}
      <label><input type="checkbox" checked={filter.stalled} onChange={(e) => setFilter({ ...filter, stalled: e.target.checked })} /> {mp.onlyStalled}</label>
      {(anyMine || scope === 'own-pairs') && (
        <label><input type="checkbox" checked={filter.mine} onChange={(e) => setFilter({ ...filter, mine: e.target.checked })} /> {mp.mine}</label>
      )}
      {isPairFiltering(filter) && <span className="hint" aria-live="polite">{m.shown(shownCount, cards.length)}</span>}
    </form>
  );

  return (
    <div className="live-board pairs-board">
      <div className="board-toolbar">
        <p className={`connection ${connection}`} role="status" data-testid="connection" data-state={connection}>
          <span className="dot" aria-hidden /> {m[connection]}
        </p>
        {level !== 'edit' && !anyMine && <span className="badge" data-testid="read-only">{m.readOnly}</span>}
        <ul className="presence" aria-label={m.onBoard}>
          {presence.map((p) => (
            <li key={p.clientId} className="avatar" style={{ background: p.color }} title={p.name}>
              <span aria-hidden>{initials(p.name)}</span>
              <span className="sr-only">{p.name}</span>
            </li>
          ))}
        </ul>
        {level === 'edit' && orgId && (
          <Link className="button" href={`/orgs/${orgId}/pairs`} data-testid="form-pairs-link">
            {mp.formPairs}
          </Link>
        )}
        {narrow ? (
          <details className="filters-fold" open={isPairFiltering(filter) || undefined}>
            <summary>{m.filters}{isPairFiltering(filter) ? ` · ${m.shown(shownCount, cards.length)}` : ''}</summary>
            {filters}
          </details>
        ) : (
          filters
        )}
      </div>
      {saving.saving !== 'ok' && (
        <p className="msg error saving-alert" role="alert" data-testid="not-saving" data-reason={saving.reason}>
          <strong>{m.notSaving}:</strong> {saving.reason === 'board-full' ? m.notSavingBoardFull : m.notSavingDatabase}
        </p>
      )}
      {failed && <p className="msg error" role="alert">{mp.namesFailed}</p>}
      <p className="sr-only" role="status" aria-live="polite" data-testid="pairs-status">{done}</p>
      <p id="board-dnd-hint" className="sr-only">{m.dragHint}</p>

      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{ announcements, screenReaderInstructions: { draggable: m.dragHint } }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActive(null)}
      >
        {narrow && <StageSwitcher columns={view.columns} counts={counts} active={shownStage} mp={mp} onSelect={setStage} />}
        <div className="columns live pairs-columns" data-testid="board-columns">
          {view.columns
            .filter((column) => !narrow || column.id === shownStage)
            .map((column) => (
              <PairColumn
                key={column.id}
                column={column}
                cards={visible(column.cards)}
                count={column.cards.length}
                pairs={pairs}
                m={m}
                mp={mp}
                canMove={canMove}
                editorsOf={editorsOf}
                onOpen={open}
                onAddMeeting={onAddMeeting}
                onMoveMenu={onMoveMenu}
                hiddenOnNarrow={column.id !== shownStage}
              />
            ))}
        </div>
        <DragOverlay>
          {active ? (
            <div className="card board-card pair-card overlay">
              <div className="card-title">{active.title}</div>
              <PairCardBody card={active} pair={pairs.get(active.id)} mp={mp} editors={[]} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>

      {opened && (
        <PairCardDialog key={opened.id} doc={doc} boardId={boardId} card={opened} pair={pairs.get(opened.id)} m={m} mp={mp} canComment={mayEditCard(opened)} me={me} onClose={close} />
      )}
      {menuCard && (
        <MoveMenu
          title={menuCard.title}
          stage={menuCard.columnId}
          status={pairs.get(menuCard.id)?.status}
          mp={mp}
          onClose={() => setMenuFor(null)}
          onPick={(to) => {
            setMenuFor(null);
            requestMove(menuCard.id, to);
          }}
        />
      )}
      {pending?.type === 'meeting' && pendingCard && (
        <MeetingDialog
          key={`${pending.cardId}:${pending.kind}`}
          pair={{ id: pending.cardId, title: pendingCard.title, startedOn: pendingPair?.startedOn }}
          kind={pending.kind}
          skipped={pending.skipped}
          today={today}
          mp={mp}
          onSaved={() => finished(mp.meetingSaved)}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.type === 'back' && pendingCard && (
        <StageBackDialog pair={{ id: pending.cardId, title: pendingCard.title }} to={pending.to} mp={mp} onDone={() => finished(m.dropped(pendingCard.title, mp.stages[pending.to] ?? pending.to))} onCancel={() => setPending(null)} />
      )}
      {pending?.type === 'end' && pendingCard && (
        <EndPairDialog pair={{ id: pending.cardId, title: pendingCard.title }} today={today} mp={mp} onDone={() => finished(mp.ended)} onCancel={() => setPending(null)} />
      )}
    </div>
  );
}
