import * as Y from 'yjs';
import { canonicalJson } from './chain';

/*
 * The audit projector: turns applied Yjs changes into semantic events (card.moved, …).
 * It keeps a plain shadow of columns and cards and, per transaction, diffs only the
 * entities the transaction touched (from observeDeep paths): O(changed), not O(board).
 */
export type CardPlain = { columnId: string; order: string; title: string; description: string; [field: string]: unknown };
type ColumnPlain = { title: string; order: string; removed: boolean };

export type SemanticEvent =
  | { type: 'card.created'; entityType: 'card'; entityId: string; before: null; after: CardPlain }
  | { type: 'card.moved'; entityType: 'card'; entityId: string; before: { columnId: string; order: string }; after: { columnId: string; order: string } }
  | { type: 'card.updated'; entityType: 'card'; entityId: string; field: string; before: unknown; after: unknown }
  | { type: 'card.deleted'; entityType: 'card'; entityId: string; before: CardPlain; after: null }
  | { type: 'column.created' | 'column.renamed' | 'column.moved' | 'column.deleted'; entityType: 'column'; entityId: string; before: unknown; after: unknown }
  | { type: 'board.updated'; entityType: 'board'; entityId: null; field: string; before: unknown; after: unknown };

const plainValue = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function plainCard(map: Y.Map<unknown>): CardPlain {
  const card: Record<string, unknown> = {};
  map.forEach((v, k) => (card[k] = plainValue(v)));
  return { ...card, columnId: String(card.columnId ?? ''), order: String(card.order ?? ''), title: String(card.title ?? ''), description: String(card.description ?? '') };
}

const plainColumn = (map: Y.Map<unknown>): ColumnPlain => ({
  title: String(map.get('title') ?? ''),
  order: String(map.get('order') ?? ''),
  removed: map.get('removed') === true,
});

export class BoardProjector {
  private readonly cardsMap: Y.Map<Y.Map<unknown>>;
  private readonly columnsMap: Y.Map<Y.Map<unknown>>;
  private readonly metaMap: Y.Map<unknown>;
  private readonly cards = new Map<string, CardPlain>();
  private readonly columns = new Map<string, ColumnPlain>();
  private readonly meta = new Map<string, unknown>();

  constructor(private readonly doc: Y.Doc) {
    this.cardsMap = doc.getMap('cards');
    this.columnsMap = doc.getMap('columns');
    this.metaMap = doc.getMap('meta');
    this.cardsMap.forEach((m, id) => this.cards.set(id, plainCard(m)));
    this.columnsMap.forEach((m, id) => this.columns.set(id, plainColumn(m)));
    this.metaMap.forEach((v, k) => this.meta.set(k, plainValue(v)));
  }

  apply(update: Uint8Array, origin?: unknown): SemanticEvent[] {
    return this.capture(() => Y.applyUpdate(this.doc, update, origin));
  }

  capture(fn: () => void): SemanticEvent[] {
    const touchedCards = new Set<string>();
    const touchedColumns = new Set<string>();
    const touchedMeta = new Set<string>();
    const collect = (into: Set<string>) => (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const e of events) {
        if (e.path.length > 0) into.add(String(e.path[0]));
        else e.changes.keys.forEach((_, key) => into.add(key));
      }
    };
    const onCards = collect(touchedCards);
    const onColumns = collect(touchedColumns);
    const onMeta = (e: Y.YMapEvent<unknown>) => e.changes.keys.forEach((_, key) => touchedMeta.add(key));
    this.cardsMap.observeDeep(onCards);
    this.columnsMap.observeDeep(onColumns);
    this.metaMap.observe(onMeta);
    try {
      fn();
    } finally {
      this.cardsMap.unobserveDeep(onCards);
      this.columnsMap.unobserveDeep(onColumns);
      this.metaMap.unobserve(onMeta);
    }
    return [...this.diffMeta(touchedMeta), ...this.diffColumns(touchedColumns), ...this.diffCards(touchedCards)];
  }

  private diffMeta(keys: Set<string>): SemanticEvent[] {
    const events: SemanticEvent[] = [];
    for (const field of [...keys].sort()) {
      const before = this.meta.get(field) ?? null;
      const after = this.metaMap.has(field) ? plainValue(this.metaMap.get(field)) : null;
      if (this.metaMap.has(field)) this.meta.set(field, after);
      else this.meta.delete(field);
      if (!same(before, after)) events.push({ type: 'board.updated', entityType: 'board', entityId: null, field, before, after });
    }
    return events;
  }

  private diffColumns(ids: Set<string>): SemanticEvent[] {
    const events: SemanticEvent[] = [];
    for (const id of [...ids].sort()) {
      const stored = this.columns.get(id);
      const map = this.columnsMap.get(id);
      const now = map ? plainColumn(map) : undefined;
      if (now) this.columns.set(id, now);
      else this.columns.delete(id);
      // A removed column is a tombstone: for the trail it is gone.
      const before = stored && !stored.removed ? { title: stored.title, order: stored.order } : undefined;
      const after = now && !now.removed ? { title: now.title, order: now.order } : undefined;
      if (!before && after) events.push({ type: 'column.created', entityType: 'column', entityId: id, before: null, after });
      else if (before && !after) events.push({ type: 'column.deleted', entityType: 'column', entityId: id, before, after: null });
      else if (before && after) {
        if (before.title !== after.title) events.push({ type: 'column.renamed', entityType: 'column', entityId: id, before: before.title, after: after.title });
        if (before.order !== after.order) events.push({ type: 'column.moved', entityType: 'column', entityId: id, before: before.order, after: after.order });
      }
    }
    return events;
  }

  private diffCards(ids: Set<string>): SemanticEvent[] {
    const events: SemanticEvent[] = [];
    for (const id of [...ids].sort()) {
      const before = this.cards.get(id);
      const map = this.cardsMap.get(id);
      const after = map ? plainCard(map) : undefined;
      if (after) this.cards.set(id, after);
      else this.cards.delete(id);
      if (!before && after) {
        events.push({ type: 'card.created', entityType: 'card', entityId: id, before: null, after });
      } else if (before && !after) {
        events.push({ type: 'card.deleted', entityType: 'card', entityId: id, before, after: null });
      } else if (before && after) {
        if (before.columnId !== after.columnId || before.order !== after.order) {
          events.push({
            type: 'card.moved',
            entityType: 'card',
            entityId: id,
            before: { columnId: before.columnId, order: before.order },
            after: { columnId: after.columnId, order: after.order },
          });
        }
        const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
        fields.delete('columnId');
        fields.delete('order');
        for (const field of [...fields].sort()) {
          if (!same(before[field] ?? null, after[field] ?? null)) {
            events.push({ type: 'card.updated', entityType: 'card', entityId: id, field, before: before[field] ?? null, after: after[field] ?? null });
          }
        }
      }
    }
    return events;
  }

  destroy(): void {
    this.cards.clear();
    this.columns.clear();
    this.meta.clear();
  }
}
