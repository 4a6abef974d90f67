'use client';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { CardView, ColumnView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';
import type { Presence } from '../useLiveBoard';
import { PairCardFace, type BoardPair } from './PairCardFace';

type Props = {
  column: ColumnView;
  cards: CardView[]; // the visible ones (filters)
  count: number;
  pairs: ReadonlyMap<string, BoardPair>;
  m: Messages['board'];
  mp: Messages['pairs'];
  canMove: (card: CardView) => boolean;
  editorsOf: (cardId: string) => Presence[];
  onOpen: (cardId: string, byKeyboard?: boolean) => void;
  onAddMeeting: (cardId: string) => void;
  onMoveMenu: (cardId: string) => void;
  /** on a narrow screen only the chosen stage shows */
  hiddenOnNarrow: boolean;
};

/** A stage of the pairs board: its pairs, and a drop target. No renaming, moving or adding: the stages are fixed. */
export function PairColumn(props: Props) {
  const { column, cards, m, mp } = props;
  const body = useDroppable({ id: `body:${column.id}`, data: { type: 'column-body', columnId: column.id } });
  return (
    <section
      className={`column live pairs-column${body.isOver ? ' over' : ''}${props.hiddenOnNarrow ? ' narrow-hidden' : ''}`}
      id={`stage-col-${column.id}`}
      aria-labelledby={`stage-${column.id}`}
      data-column-id={column.id}
    >
      <header className="column-head">
        <h2 id={`stage-${column.id}`}>
          <span className="column-title">{column.title}</span> <span className="count">{props.count}</span>
        </h2>
      </header>
      <SortableContext items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={body.setNodeRef} className="column-cards">
          {cards.map((card) => (
            <PairCardFace
              key={card.id}
              card={card}
              pair={props.pairs.get(card.id)}
              m={m}
              mp={mp}
              editors={props.editorsOf(card.id)}
              canMove={props.canMove(card)}
              onOpen={props.onOpen}
              onAddMeeting={props.onAddMeeting}
              onMoveMenu={props.onMoveMenu}
            />
          ))}
          {cards.length === 0 && <li className="hint empty-column">{m.empty}</li>}
        </ul>
      </SortableContext>
    </section>
  );
}
