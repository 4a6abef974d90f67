'use client';
import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import type * as Y from 'yjs';
import { CardComments } from '../CardComments';
import type { CardView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';
import type { Goal, MeetingRecord } from '@/lib/pairs/types';
import { Modal } from '@/components/ui/Modal';
import { api } from '@/components/pairs/api';
import { GoalsList, MeetingList, PairFacts } from '@/components/pairs/PairParts';
import type { BoardPair } from './PairCardFace';

type Props = {
  doc: Y.Doc;
  boardId: string;
  card: CardView;
  pair: BoardPair | undefined;
  m: Messages['board'];
  mp: Messages['pairs'];
  /** may write comments on the card (the board's write filter decides again) */
  canComment: boolean;
  me: { id: string; name: string };
  onClose: () => void;
};

/**
 * A pair card opened on the board: who is in the pair, its stage and meetings (names only as
 * far as this user may see them), the plan, the card's comments, and the way to the pair's
 * page. No deadline, responsible or «Удалить мероприятие»: a pair is not an activity.
 */
export function PairCardDialog({ doc, boardId, card, pair, m, mp, canComment, me, onClose }: Props) {
  const id = useId();
  const [detail, setDetail] = useState<{ meetings: MeetingRecord[]; goals: Goal[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false); // not this user's pair to read
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);

  useEffect(() => {
    let live = true;
    void api<{ meetings?: MeetingRecord[]; goals?: Goal[] }>(`/api/pairs/${card.id}`, mp).then((res) => {
      if (!live) return;
      if (res.ok) setDetail({ meetings: Array.isArray(res.data?.meetings) ? res.data.meetings : [], goals: Array.isArray(res.data?.goals) ? res.data.goals : [] });
      else if (res.status === 403 || res.status === 404) setHidden(true);
      else setError(res.message);
    });
    fetch(`/api/boards/${boardId}/members`)
      .then((r) => (r.ok ? r.json() : []))
      .then((list) => live && Array.isArray(list) && setPeople(list))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [card.id, boardId, mp]);


  return (
    <Modal title={card.title} onClose={onClose} className="card-dialog pair-dialog" testId="pair-card-dialog" closeLabel={m.close}>
      <div className="dialog-grid">
        <div className="dialog-main">
          {pair ? <PairFacts pair={pair} mp={mp} /> : <p className="hint">{mp.loading}</p>}
          <section className="field" aria-labelledby={`${id}-meetings`}>
            <h3 id={`${id}-meetings`}>{mp.meetings}</h3>
            {hidden ? (
              <p className="hint">{mp.detailsHidden}</p>
            ) : error ? (
              <p className="msg error" role="alert">{error}</p>
            ) : detail ? (
              <MeetingList meetings={detail.meetings} pair={pair ?? { mentees: [] }} mp={mp} />
            ) : (
              <p className="hint" role="status">{mp.loading}</p>
            )}
          </section>
          <CardComments doc={doc} card={card} m={m} me={me} people={people} canComment={canComment} titleId={`${id}-comments`} />
        </div>
        <div className="dialog-side">
          {!hidden && (
            <p>
              <Link className="button primary-link" href={`/pairs/${card.id}`} data-testid="open-pair-page">
                {mp.openPair}
              </Link>
            </p>
          )}
          {detail && (
            <section className="field" aria-labelledby={`${id}-plan`}>
              <h3 id={`${id}-plan`}>{mp.plan}</h3>
              <GoalsList goals={detail.goals} mp={mp} />
            </section>
          )}
          <p>
            <a href={`/boards/${boardId}/history?card=${encodeURIComponent(card.id)}`}>{m.history}</a>
          </p>
        </div>
      </div>
    </Modal>
  );
}
