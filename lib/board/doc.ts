import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import type { BoardKind } from '../permissions/roles';

/*
 * The board document's shape (DESIGN.md, "Shared board document"):
 *   meta     title, kind, period
 *   columns  columnId → Y.Map { title, order, removed? }   (a removed column is a tombstone)
 *   cards    cardId   → Y.Map { columnId, order, title: Y.Text, description: Y.Text, ...fields }
 * Cards are never kept in a Y.Array: a concurrent move of an array item duplicates it.
 * `order` is a fractional index; ties are broken by id.
 */
export type CardFields = Record<string, string | number | boolean | null | readonly unknown[] | Record<string, unknown>>;
export type ColumnInit = { id: string; title: string; cards: { id: string; title: string; description?: string; fields?: CardFields }[] };
export type BoardInit = {
  title: string;
  kind: BoardKind;
  period: { from: string; to: string } | null;
  columns: ColumnInit[];
  /** A roadmap's organisation as its document names it, and its indicators (import, reports). */
  organisation?: string | null;
  indicators?: readonly Indicator[];
};

/** A roadmap's target indicator: its planned value for each year. */
export type Indicator = { title: string; unit: string | null; targets: Record<string, number> };

function plain(value: unknown): unknown {
  return Array.isArray(value) || (value && typeof value === 'object') ? JSON.parse(JSON.stringify(value)) : value;
}

export function buildBoardDoc(init: BoardInit): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('title', init.title);
    meta.set('kind', init.kind);
    meta.set('period', init.period);
    if (init.organisation) meta.set('organisation', init.organisation);
    if (init.indicators?.length) meta.set('indicators', plain(init.indicators));
    const columns = doc.getMap<Y.Map<unknown>>('columns');
    const cards = doc.getMap<Y.Map<unknown>>('cards');
    const columnOrders = generateNKeysBetween(null, null, init.columns.length);
    init.columns.forEach((col, i) => {
      const column = new Y.Map<unknown>();
      column.set('title', col.title);
      column.set('order', columnOrders[i]);
      columns.set(col.id, column);
      const cardOrders = generateNKeysBetween(null, null, col.cards.length);
      col.cards.forEach((c, j) => {
        const card = new Y.Map<unknown>();
        card.set('columnId', col.id);
        card.set('order', cardOrders[j]);
        card.set('title', new Y.Text(c.title));
        card.set('description', new Y.Text(c.description ?? ''));
        card.set('comments', new Y.Array());
        for (const [k, v] of Object.entries(c.fields ?? {})) card.set(k, plain(v));
        cards.set(c.id, card);
      });
    });
  });
  return doc;
}

export type CardView = {
  id: string;
  columnId: string;
  order: string;
  title: string;
  description: string;
  fields: Record<string, unknown>;
  /** Its column was removed concurrently: shown in the first column instead (lib/board/ops.ts). */
  orphan?: true;
};
export type ColumnView = { id: string; title: string; order: string; cards: CardView[] };
export type BoardView = { title: string; kind: BoardKind | null; columns: ColumnView[] };
export type BoardMeta = {
  title: string;
  period: { from: string; to: string } | null;
  organisation: string | null;
  indicators: Indicator[];
};

/** The board's meta as plain values (what a bad peer left there reads as absent). */
export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = doc.getMap('meta');
  const period = meta.get('period') as { from?: unknown; to?: unknown } | null | undefined;
  const indicators = meta.get('indicators');
  return {
    title: String(meta.get('title') ?? ''),
    period: period && typeof period.from === 'string' && typeof period.to === 'string' ? { from: period.from, to: period.to } : null,
    organisation: typeof meta.get('organisation') === 'string' ? (meta.get('organisation') as string) : null,
    indicators: Array.isArray(indicators) ? (indicators as BoardMeta['indicators']) : [],
  };
}

export const byOrderThenId = (a: { order: string; id: string }, b: { order: string; id: string }) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The read model: ordered columns, each with its ordered cards; every card exactly once. */
export function readBoard(doc: Y.Doc): BoardView {
  const meta = doc.getMap('meta');
  // Removed columns are tombstones (`removed: true`). If concurrent removals took away
  // every column, they all count again: a board never hides its cards for want of a column.
  const all: (ColumnView & { removed: boolean })[] = [];
  doc.getMap<Y.Map<unknown>>('columns').forEach((col, id) => {
    if (!(col instanceof Y.Map)) return; // not a column (a bad peer's value): ops ignore it too
    all.push({ id, title: String(col.get('title') ?? ''), order: String(col.get('order') ?? ''), cards: [], removed: col.get('removed') === true });
  });
  const live = all.some((c) => !c.removed) ? all.filter((c) => !c.removed) : all;
  const columns: ColumnView[] = live.map(({ removed: _removed, ...c }) => c);
  columns.sort(byOrderThenId);
  const byId = new Map(columns.map((c) => [c.id, c]));
  // Orphans (lib/board/ops.ts): a card whose column is gone, e.g. added to a column that
  // another user removed concurrently, is shown in the FIRST column, sorted with its cards
  // by order then id, and marked `orphan: true`; it never vanishes.
  doc.getMap<Y.Map<unknown>>('cards').forEach((card, id) => {
    if (!(card instanceof Y.Map)) return; // not a card (a bad peer's value)
    const own = byId.get(String(card.get('columnId')));
    const column = own ?? columns[0];
    if (!column) return; // a board with no column shows no cards (ops never remove the last one)
    const fields: Record<string, unknown> = {};
    card.forEach((v, k) => {
      if (!['columnId', 'order', 'title', 'description'].includes(k)) fields[k] = v instanceof Y.AbstractType ? v.toJSON() : v;
    });
    column.cards.push({
      id,
      columnId: column.id,
      order: String(card.get('order') ?? ''),
      title: card.get('title')?.toString() ?? '',
      description: card.get('description')?.toString() ?? '',
      fields,
      ...(own ? {} : { orphan: true as const }),
    });
  });
  for (const column of columns) column.cards.sort(byOrderThenId);
  const kind = meta.get('kind');
  return { title: String(meta.get('title') ?? ''), kind: kind === 'roadmap' || kind === 'pairs' ? kind : null, columns };
}
