import * as Y from 'yjs';
import { BoardProjector, type SemanticEvent } from '../../lib/audit/projector';
import type { EditScope } from '../../lib/permissions';

/** Card fields of a pairs board that only the server writes: which pair the card is, and its name «Пара № N». */
const SERVER_FIELDS = new Set(['pairId', 'title']);

export type FilterVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Who writes, and which pair cards are whose: pair id (= card id) → the accounts of the pair's
 * mentor, read from the database (pairs + pair_members side 'mentor' + people.user_id), never
 * from anything a client wrote into the board.
 */
export type PairsWriter = { userId: string; scope: EditScope; owners: ReadonlyMap<string, ReadonlySet<string>> };

/** Does the database name `userId` as the mentor of the pair whose card this is? */
export const ownsPair = (owners: PairsWriter['owners'], cardId: string, userId: string) => owners.get(cardId)?.has(userId) === true;

/**
 * The write filter of a pairs board (and of any 'own-pairs' connection). For EVERY scope: a
 * pair card's existence, column, `pairId` and title are the server's (db/board-writer.ts), so an
 * update that creates, deletes or replaces a card, moves one to another column, or touches its
 * `pairId` or title is refused whole. Reordering within a column, comments and the description
 * stay client edits. A mentor ('own-pairs') further writes only inside the cards of the pairs
 * the database says it mentors (`owners`), and nothing outside the cards.
 *
 * The update's effect is checked on a shadow of the board before the real one is touched: the
 * projected events (lib/audit/projector.ts) say what it changes, and the transaction's changed
 * types say what it touches, even where nothing visibly changes (replacing a card's comments
 * with an equal list discards whatever a curator adds to the old one meanwhile).
 *
 * The shadow is kept: every change of the real board is mirrored into it (O(change); an update
 * it checked and the board then applied is known to it already, and changes nothing), so a check
 * costs O(update). A refused update leaves the shadow ahead of the board: it is dropped then, and
 * built again, O(board), at the next check; so is it when the caller refuses an update the filter
 * accepted (`invalidate`).
 */
export class PairsFilter {
  private shadow: { doc: Y.Doc; projector: BoardProjector } | null = null;

  constructor(private readonly doc: Y.Doc) {
    doc.on('update', this.mirror);
  }

  private readonly mirror = (update: Uint8Array) => {
    if (!this.shadow) return;
    try {
      this.shadow.projector.apply(update);
      if (this.shadow.doc.store.pendingStructs || this.shadow.doc.store.pendingDs) this.invalidate();
    } catch {
      this.invalidate();
    }
  };

  /** The verdict on a client's update; the real board is not touched. */
  check(update: Uint8Array, w: PairsWriter): FilterVerdict {
    if (!this.shadow) {
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.doc));
      this.shadow = { doc, projector: new BoardProjector(doc) };
    }
    let verdict: FilterVerdict;
    try {
      verdict = judge(this.shadow.doc, this.shadow.projector, update, w);
    } catch (err) {
      verdict = { ok: false, reason: `not applicable: ${(err as Error).message}` };
    }
    if (!verdict.ok) this.invalidate();
    return verdict;
  }

  /** The shadow may differ from the board (an accepted update the caller then refused): build it again at the next check. */
  invalidate(): void {
    this.shadow?.projector.destroy();
    this.shadow?.doc.destroy();
    this.shadow = null;
  }

  destroy(): void {
    this.doc.off('update', this.mirror);
    this.invalidate();
  }
}

/** The verdict on one update against a board, checked on a copy of it (O(board)): PairsFilter without a kept shadow. */
export function pairsWriteFilter(doc: Y.Doc, update: Uint8Array, w: PairsWriter): FilterVerdict {
  const filter = new PairsFilter(doc);
  try {
    return filter.check(update, w);
  } finally {
    filter.destroy();
  }
}

/** Applies the update to the shadow and judges what it changed and touched. */
function judge(copy: Y.Doc, projector: BoardProjector, update: Uint8Array, w: PairsWriter): FilterVerdict {
  const cardsRoot: unknown = copy.getMap('cards');
  // Whatever the projector has no event for (another root type, a column's other fields)
  // must not slip through for a mentor: every change must lie inside the 'cards' map.
  const outside: string[] = [];
  /** Keys of the cards map itself that were set or deleted: cards created, replaced or removed. */
  const cardKeys = new Set<string>();
  /** Every card the update touches, with the card fields it touches. */
  const touched = new Map<string, Set<string>>();
  const touch = (card: string, field: string | null) => {
    let fields = touched.get(card);
    if (!fields) touched.set(card, (fields = new Set()));
    if (field !== null) fields.add(field);
  };
  const watch = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      // The path from the root: [root, card id, card field, ...].
      const chain: (typeof type)[] = [type];
      while (chain[0]._item?.parent) chain.unshift(chain[0]._item.parent as typeof type);
      const root = chain[0];
      if (root !== cardsRoot) {
        outside.push([...copy.share].find(([, t]) => t === root)?.[0] ?? '(unknown)');
        continue;
      }
      if (chain.length === 1) {
        keys.forEach((key) => key !== null && cardKeys.add(key));
        continue;
      }
      const card = String(chain[1]._item!.parentSub);
      if (chain.length === 2) keys.forEach((key) => touch(card, key));
      else touch(card, chain[2]._item!.parentSub);
    }
  };
  copy.on('afterTransaction', watch);
  let events: SemanticEvent[];
  try {
    events = projector.apply(update);
  } finally {
    copy.off('afterTransaction', watch);
  }
  const mentor = w.scope === 'own-pairs';
  if (mentor && outside.length) return { ok: false, reason: `changes outside the pairs: ${[...new Set(outside)].join(', ')}` };
  for (const id of cardKeys) return { ok: false, reason: `card ${id} created, replaced or removed: pair cards are the server's` };
  for (const e of events) {
    if (e.type === 'card.created' || e.type === 'card.deleted') return { ok: false, reason: `${e.type} of ${e.entityId}: pair cards are the server's` };
    if (e.type === 'card.moved' && e.before.columnId !== e.after.columnId) {
      return { ok: false, reason: `card ${e.entityId} moved to another stage: only the server moves a pair (a meeting, a stage change)` };
    }
    if (e.type === 'card.updated' && SERVER_FIELDS.has(e.field)) return { ok: false, reason: `${e.field} of card ${e.entityId} is the server's` };
    if (mentor && e.entityType !== 'card') return { ok: false, reason: `${e.type} is not a change to a pair` };
    if (mentor && !ownsPair(w.owners, e.entityId!, w.userId)) return { ok: false, reason: `card ${e.entityId} is not one of the mentor's pairs` };
  }
  for (const [id, fields] of touched) {
    const field = [...fields].find((f) => SERVER_FIELDS.has(f));
    if (field) return { ok: false, reason: `${field} of card ${id} is the server's` };
    if (mentor && !ownsPair(w.owners, id, w.userId)) return { ok: false, reason: `card ${id} is not one of the mentor's pairs` };
  }
  return { ok: true };
}
