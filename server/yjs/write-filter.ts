import * as Y from 'yjs';
import { BoardProjector, type SemanticEvent } from '../../lib/audit/projector';

/** Fields of a pair card that only a curator may change: who the pair is. */
const PAIR_IDENTITY_FIELDS = new Set(['mentorId', 'menteeIds']);

export type FilterVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A mentor on a pairs board may change only the cards of its own pairs (cards whose
 * mentorId is the mentor), and not who the pair is; it may not add, remove or touch
 * columns, nor create or delete cards. The effect of the update is checked on a copy of
 * the board before the real one is touched, and the whole update is refused otherwise.
 * Copying costs O(board); pairs boards are small and only mentors' writes pay it.
 */
export function ownPairsOnly(doc: Y.Doc, update: Uint8Array, userId: string): FilterVerdict {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const projector = new BoardProjector(copy);
  // Whatever the projector has no event for (another root type, a column's other fields)
  // must not slip through: every change must lie inside the 'cards' map.
  const cardsRoot = copy.getMap('cards');
  const outside: string[] = [];
  // Every card the update touches, whether or not its value changes: replacing a card's
  // comments or title with an equal one is no event, yet it discards whatever a curator
  // adds to the old one meanwhile.
  const touched = new Set<string>();
  const watch = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      let root = type;
      let card: typeof type | null = null;
      while (root._item?.parent) [card, root] = [root, root._item.parent as typeof type];
      if (root !== (cardsRoot as unknown)) outside.push([...copy.share].find(([, t]) => t === root)?.[0] ?? '(unknown)');
      else if (card) touched.add(String(card._item!.parentSub));
      else keys.forEach((key) => key !== null && touched.add(key));
    }
  };
  copy.on('afterTransaction', watch);
  let events: SemanticEvent[];
  try {
    events = projector.apply(update);
  } finally {
    copy.off('afterTransaction', watch);
    projector.destroy();
    copy.destroy();
  }
  if (outside.length) return { ok: false, reason: `changes outside the pairs: ${[...new Set(outside)].join(', ')}` };
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  for (const e of events) {
    if (e.entityType !== 'card') return { ok: false, reason: `${e.type} is not a change to a pair` };
    if (e.type === 'card.created' || e.type === 'card.deleted') return { ok: false, reason: `${e.type} needs a curator` };
    const owner = cards.get(e.entityId)?.get('mentorId');
    if (owner !== userId) return { ok: false, reason: `card ${e.entityId} is not one of the mentor's pairs` };
    if (e.type === 'card.updated' && PAIR_IDENTITY_FIELDS.has(e.field)) return { ok: false, reason: `${e.field} needs a curator` };
  }
  for (const id of touched) {
    if (cards.get(id)?.get('mentorId') !== userId) return { ok: false, reason: `card ${id} is not one of the mentor's pairs` };
  }
  return { ok: true };
}
