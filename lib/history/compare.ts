import { sameValue } from '../audit/projector';
import type { AsOfCard, AsOfView } from './replay';

/*
 * The board as of a moment beside the board now (the «История» view of a board): which cards
 * have changed since, moved since, appeared since or been deleted since. Both sides in DESIGN.md's
 * as-of shape: the past from lib/history/replay.ts asOfView, now from its liveView. Pure.
 */

export type { AsOfCard, AsOfColumn, AsOfView } from './replay';
type AsOfBoard = AsOfView;

/** What became of a card of the past board by now, or of a card of today's board since then. */
export type CardChange =
  | { kind: 'same' }
  | { kind: 'changed'; title: boolean; fields: string[]; movedTo?: string } // movedTo: its column now, when it moved
  | { kind: 'deleted' } // on the past board, gone now
  | { kind: 'added' }; // on today's board, not yet then

export type BoardComparison = {
  /** Per card of the past board. */
  then: Map<string, CardChange>;
  /** Cards of today's board that did not exist then, with the column they are in now. */
  added: { card: AsOfCard; columnId: string; columnTitle: string }[];
  /** Columns of the past board renamed or gone since (id → today's title, or null when gone). */
  columns: Map<string, string | null>;
};

const emptyish = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * A list of items with ids (a checklist, comments) in id order: the trail records which item
 * changed, not where it stood (lib/history/replay.ts), so order alone is no change.
 */
function normalised(v: unknown): unknown {
  if (!Array.isArray(v) || !v.every((x) => x !== null && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string')) return v ?? null;
  return [...(v as { id: string }[])].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The names of the fields whose values differ; a field absent on one side equals an empty one on the other. */
export function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => !(emptyish(a[k]) && emptyish(b[k])) && !sameValue(normalised(a[k]), normalised(b[k])));
}

export function compareBoards(then: AsOfBoard, now: AsOfBoard): BoardComparison {
  const nowCards = new Map<string, { card: AsOfCard; columnId: string; columnTitle: string }>();
  for (const col of now.columns) for (const card of col.cards) nowCards.set(card.id, { card, columnId: col.id, columnTitle: col.title });
  const nowColumns = new Map(now.columns.map((c) => [c.id, c.title]));
  const result: BoardComparison = { then: new Map(), added: [], columns: new Map() };
  const seen = new Set<string>();
  for (const col of then.columns) {
    if (nowColumns.get(col.id) !== col.title) result.columns.set(col.id, nowColumns.get(col.id) ?? null);
    for (const card of col.cards) {
      seen.add(card.id);
      const current = nowCards.get(card.id);
      if (!current) {
        result.then.set(card.id, { kind: 'deleted' });
        continue;
      }
      const title = current.card.title !== card.title;
      const fields = changedFields(card.fields, current.card.fields);
      const moved = current.columnId !== col.id;
      result.then.set(
        card.id,
        title || fields.length || moved ? { kind: 'changed', title, fields, ...(moved ? { movedTo: current.columnTitle } : {}) } : { kind: 'same' },
      );
    }
  }
  for (const [id, entry] of nowCards) if (!seen.has(id)) result.added.push(entry);
  return result;
}
