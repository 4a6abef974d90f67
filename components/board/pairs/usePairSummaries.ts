'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoardView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';
import { boardSignature, needsRefetch } from '@/lib/pairs/moves';
import type { PairSummary } from '@/lib/pairs/types';
import { api } from '@/components/pairs/api';

const cardsOf = (view: BoardView) => view.columns.flatMap((c) => c.cards.map((card) => ({ id: card.id, columnId: c.id })));

/**
 * The pairs behind a pairs board's cards, with the names this user may see: ONE request,
 * GET /api/boards/<id>/pairs, keyed by card id (= pair id). Asked again when a card appears
 * that the map lacks or a card stands in another column than its pair's stage (the server
 * moved it: the counts changed), once per look of the board; on return to the tab; and on
 * demand after a write.
 */
export function usePairSummaries(boardId: string, view: BoardView, m: Messages['pairs'], initial?: PairSummary[]) {
  // The page may bring them (read with the board on the server): then the first look needs no request.
  const [pairs, setPairs] = useState<ReadonlyMap<string, PairSummary>>(() => new Map((initial ?? []).map((p) => [p.id, p])));
  const [failed, setFailed] = useState(false);
  const [loaded, setLoaded] = useState(initial !== undefined);
  const cards = useMemo(() => cardsOf(view), [view]);
  // What to ask for: the look of the board it is asked for (`sig`), and a counter that asks again anyway.
  const [want, setWant] = useState(() => ({ sig: boardSignature(cardsOf(view)), n: 0 }));

  useEffect(() => {
    if (initial !== undefined && want.n === 0) return; // the page's own
    const ctl = new AbortController();
    api<PairSummary[]>(`/api/boards/${boardId}/pairs`, m, { signal: ctl.signal })
      .then((res) => {
        if (ctl.signal.aborted) return;
        if (res.ok && Array.isArray(res.data)) {
          setPairs(new Map(res.data.map((p) => [p.id, p])));
          setFailed(false);
        } else setFailed(true);
        setLoaded(true);
      })
      .catch(() => {}); // aborted: a newer request replaces it
    return () => ctl.abort();
  }, [want, boardId, m]); // `initial` counts only for the first look

  useEffect(() => {
    if (!loaded) return;
    const timer = setTimeout(() => {
      if (needsRefetch(cards, pairs, want.sig)) setWant((w) => ({ sig: boardSignature(cards), n: w.n + 1 }));
    }, 250); // a burst of moves asks once
    return () => clearTimeout(timer);
  }, [cards, pairs, loaded, want.sig]);

  const refresh = useCallback(() => setWant((w) => ({ sig: boardSignature(cards), n: w.n + 1 })), [cards]);

  // Counts and dates change without a move (a regular meeting, a mentee's rating): ask again on return to the tab.
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  return { pairs, failed, loaded, refresh };
}
