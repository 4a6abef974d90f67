'use client';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, type KeyboardEvent, type MouseEvent, type TouchEvent } from 'react';
import type { CardView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';
import { ruDate } from '@/lib/people/view';
import { offersAddMeeting } from '@/lib/pairs/moves';
import type { PairSummary } from '@/lib/pairs/types';
import { initials } from '../CardFace';
import type { Presence } from '../useLiveBoard';

/** A pair as the board shows it (`consentWithdrawn`: a member's processing stopped; the pair should be ended). */
export type BoardPair = PairSummary;

type BodyProps = { card: CardView; pair: BoardPair | undefined; mp: Messages['pairs']; editors: Presence[] };

/** «Пара № N», mentor → mentees (as far as this user may see names), the form, the meetings, the warnings. */
export function PairCardBody({ pair, mp, editors }: BodyProps) {
  const names = pair && (pair.mentor.name || pair.mentees.some((x) => x.name));
  return (
    <>
      {names && (
        <div className="pair-names" data-testid="pair-names">
          <span className="sr-only">{mp.mentorToMentees}: </span>
          <span>{pair.mentor.name ?? mp.hiddenName}</span>
          <span aria-hidden> → </span>
          <span>{pair.mentees.map((x) => x.name ?? mp.hiddenName).join(', ')}</span>
        </div>
      )}
      {pair && <div className="card-meta">{pair.form}</div>}
      {pair && (
        <div className="card-meta" data-testid="pair-meetings">
          {mp.meetingsLine(pair.meetingsHeld, pair.lastMeetingOn ? ruDate(pair.lastMeetingOn) : null)}
        </div>
      )}
      {(pair?.stalled || pair?.consentWithdrawn || editors.length > 0) && (
        <div className="card-foot">
          {pair?.stalled && (
            <span className="badge warn" data-testid="pair-stalled">
              ⚠ {mp.stalled(pair.rhythmDays)}
            </span>
          )}
          {pair?.consentWithdrawn && (
            <span className="badge consent-withdrawn" data-testid="pair-consent-withdrawn">
              {mp.consentWithdrawn}
            </span>
          )}
          {editors.map((p) => (
            <span key={p.clientId} className="avatar small" style={{ background: p.color }} title={p.name}>
              {initials(p.name)}
            </span>
          ))}
        </div>
      )}
    </>
  );
}

type Props = BodyProps & {
  m: Messages['board'];
  /** may move the pair (drag, the menu, «+ встреча») */
  canMove: boolean;
  onOpen: (id: string, byKeyboard?: boolean) => void;
  onAddMeeting: (id: string) => void;
  onMoveMenu: (id: string) => void;
};

// A press on the card's own buttons is a press, not the start of a drag.
const fromControl = (e: { target: EventTarget | null }) => e.target instanceof Element && !!e.target.closest('[data-no-drag]');

/**
 * A pair's card: the title is the button that opens the pair and the drag handle (Space
 * picks it up from the keyboard), the whole card drags with a pointer or a long touch, and
 * the pair's mover has «+ встреча» (in the first and the regular stage) and «Перенести в…».
 */
export const PairCardFace = memo(function PairCardFace({ card, pair, m, mp, editors, canMove, onOpen, onAddMeeting, onMoveMenu }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: 'card', columnId: card.columnId, title: card.title },
    disabled: !canMove,
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(card.id, true);
    } else if (canMove) listeners?.onKeyDown?.(e);
  };
  const onMouseDown = (e: MouseEvent) => canMove && !fromControl(e) && listeners?.onMouseDown?.(e);
  const onTouchStart = (e: TouchEvent) => canMove && !fromControl(e) && listeners?.onTouchStart?.(e);
  const title = card.title;
  return (
    <li ref={setNodeRef} className="card-slot" style={{ transform: CSS.Translate.toString(transform), transition }}>
      <div
        className={`card board-card pair-card${isDragging ? ' dragging' : ''}${editors.length ? ' being-edited' : ''}${pair?.stalled ? ' stalled' : ''}${canMove ? ' movable' : ''}`}
        style={editors[0] ? { borderColor: editors[0].color } : undefined}
        data-card-id={card.id}
        data-stage={card.columnId}
        onMouseDown={onMouseDown}
        onTouchStart={onTouchStart}
        // A click anywhere on the card opens it, as on a roadmap (the keyboard has the title's button).
        onClick={(e) => !fromControl(e) && !(e.target instanceof Element && e.target.closest('.pair-open')) && onOpen(card.id)}
      >
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="pair-open card-title"
          {...(canMove ? attributes : {})}
          aria-roledescription={canMove ? m.pair : undefined}
          onKeyDown={onKeyDown}
          // Space picks a movable pair up (dnd-kit); the click a button makes of it is not an «open».
          onClick={(e) => (e.detail === 0 && canMove ? undefined : onOpen(card.id))}
        >
          {title}
        </button>
        <PairCardBody card={card} pair={pair} mp={mp} editors={editors} />
        {canMove && (
          <div className="pair-actions" data-no-drag>
            {offersAddMeeting(card.columnId, pair?.meetingsHeld) && (
              <button type="button" className="small" onClick={() => onAddMeeting(card.id)} aria-label={mp.addMeetingFor(title)} data-testid="add-meeting">
                {mp.addMeeting}
              </button>
            )}
            <button type="button" className="small" onClick={() => onMoveMenu(card.id)} aria-haspopup="dialog" aria-label={mp.moveToFor(title)} data-testid="move-menu">
              {mp.moveTo}
            </button>
          </div>
        )}
      </div>
    </li>
  );
});
