import * as Y from 'yjs';

/*
 * The audit projector: turns applied Yjs changes into semantic events (card.moved, …).
 * It keeps a plain shadow of meta, columns and cards. While an update is applied it
 * observes the three maps, collects the ids the transaction touched (observeDeep paths
 * and changed keys), then diffs only those entities against the shadow and updates it:
 * the work is O(changed cards and columns), never O(board). Within a card only the fields
 * touched are read again, and a text edited in place (a keystroke) is not read whole: its
 * shadow string takes the edit, read from the transaction's own items (textAfter), so a
 * keystroke in a long description costs O(edit), not O(text). Pure: no I/O.
 *
 * Conventions of the events:
 * - a field that is absent is `null` in before/after;
 * - texts (title, description) are reported whole, before and after;
 * - a card's comments and checklist are lists of items (each with an id): a change is one
 *   event per item added, changed or removed, carrying only that item (ITEM_EVENTS), never
 *   the whole list, so a small change beside a long comment makes a small row. Within a
 *   list: removed items first (in their old order), then changed and added ones in list
 *   order; a mere reordering is not reported. A value that is not a list (a bad peer's)
 *   falls back to card.updated;
 * - columnId and order are never card.updated: a change of either is one card.moved;
 * - a column tombstone (`removed: true`, lib/board/ops.ts) is reported as column.deleted,
 *   and clearing it as column.created; column fields other than title/order are not audited;
 * - order: column events (by id; per column created/deleted, then moved, then renamed),
 *   then card events (by id; created/deleted/moved, then card.updated by field name),
 *   then board.updated by field name;
 * - values in events are copies: a consumer may mutate them without harming the shadow.
 */
export type CardPlain = { columnId: string; order: string; title: string; description: string; [field: string]: unknown };

/** The event types of a card's item lists, by list field: added, changed, removed, and (checklists) ticked or unticked. */
export const ITEM_EVENTS = {
  comments: { added: 'comment.added', edited: 'comment.edited', removed: 'comment.removed' },
  checklist: {
    added: 'checklist.item_added',
    edited: 'checklist.item_edited',
    removed: 'checklist.item_removed',
    checked: 'checklist.item_checked',
    unchecked: 'checklist.item_unchecked',
  },
} as const;
type ItemList = keyof typeof ITEM_EVENTS;
type ItemEventType = { [L in ItemList]: (typeof ITEM_EVENTS)[L][keyof (typeof ITEM_EVENTS)[L]] }[ItemList];
const isItemList = (field: string): field is ItemList => Object.hasOwn(ITEM_EVENTS, field);

export type SemanticEvent =
  | { type: 'card.created'; entityType: 'card'; entityId: string; before: null; after: CardPlain }
  | { type: 'card.moved'; entityType: 'card'; entityId: string; before: { columnId: string; order: string }; after: { columnId: string; order: string } }
  | { type: 'card.updated'; entityType: 'card'; entityId: string; field: string; before: unknown; after: unknown }
  | { type: 'card.deleted'; entityType: 'card'; entityId: string; before: CardPlain; after: null }
  | { type: ItemEventType; entityType: 'card'; entityId: string; before: unknown; after: unknown }
  | { type: 'column.created' | 'column.renamed' | 'column.moved' | 'column.deleted'; entityType: 'column'; entityId: string; before: unknown; after: unknown }
  | { type: 'board.updated'; entityType: 'board'; entityId: null; field: string; before: unknown; after: unknown };

type ColumnPlain = { title: string; order: string; removed: boolean };
type YEvents = Y.YEvent<Y.AbstractType<unknown>>[];

/** A detached plain copy of a value held in the doc. */
function plainValue(v: unknown): unknown {
  if (v instanceof Y.Text) return v.toString();
  if (v instanceof Y.AbstractType) return v.toJSON();
  return v !== null && typeof v === 'object' ? structuredClone(v) : v;
}

const copy = <T>(v: T): T => (v !== null && typeof v === 'object' ? structuredClone(v) : v);

/** Structural equality of plain (JSON-like) values; key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    const x = a as Uint8Array;
    const y = b as Uint8Array;
    return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && x.length === y.length && x.every((v, i) => v === y[i]);
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function plainCard(map: Y.Map<unknown>): CardPlain {
  const card: Record<string, unknown> = {};
  map.forEach((v, k) => (card[k] = plainValue(v)));
  const str = (k: string) => (card[k] === undefined || card[k] === null ? '' : String(card[k]));
  return { ...card, columnId: str('columnId'), order: str('order'), title: str('title'), description: str('description') };
}

/** The fields every plain card has, as strings ('' when absent). */
const STRING_FIELDS = new Set(['columnId', 'order', 'title', 'description']);

/** Reads one field of a card again into its plain copy, as plainCard would. */
function refreshField(card: Record<string, unknown>, map: Y.Map<unknown>, field: string) {
  const v = map.has(field) ? plainValue(map.get(field)) : undefined;
  if (STRING_FIELDS.has(field)) card[field] = v === undefined || v === null ? '' : String(v);
  else if (map.has(field)) card[field] = v;
  else delete card[field];
}

/**
 * What one capture changed in a card: `whole` (the card itself set or removed in the cards
 * map), fields set or removed on the card, fields changed inside (a text, a list), and for a
 * text edited in place its new string (null: read it whole).
 */
type CardTouch = { whole: boolean; fields: Set<string>; inner: Set<string>; texts: Map<string, string | null> };

/** Changed items per text, in one pass over a transaction's new structs and deletions. */
function changedItems(tr: Y.Transaction, texts: Set<Y.Text>): Map<Y.Text, { added: Set<Y.Item>; deleted: Set<Y.Item> }> {
  const out = new Map<Y.Text, { added: Set<Y.Item>; deleted: Set<Y.Item> }>();
  const of = (t: Y.Text) => {
    let c = out.get(t);
    if (!c) out.set(t, (c = { added: new Set(), deleted: new Set() }));
    return c;
  };
  const { clients } = tr.doc.store;
  tr.afterState.forEach((clock, client) => {
    const from = tr.beforeState.get(client) ?? 0;
    if (clock <= from) return;
    const structs = clients.get(client)!;
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i];
      if (s instanceof Y.Item && texts.has(s.parent as Y.Text)) of(s.parent as Y.Text).added.add(s);
    }
  });
  tr.deleteSet.clients.forEach((ranges, client) => {
    const structs = clients.get(client);
    if (!structs) return;
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
        const s = structs[i];
        if (s instanceof Y.Item && texts.has(s.parent as Y.Text)) of(s.parent as Y.Text).deleted.add(s);
      }
    }
  });
  return out;
}

/** Beyond this many changed items in one text, it is read whole (each costs a walk to the nearer end). */
const MAX_TEXT_EDIT_ITEMS = 32;

/**
 * A text's string after a transaction, from its string before (`was`) and the items the
 * transaction added to it and deleted from it; null when that cannot be done cheaply or
 * does not add up (then the caller reads it whole). Called from an observer, i.e. before
 * Yjs garbage-collects what the transaction deleted: those items still hold their strings.
 *
 * The items before the first changed one and after the last are unchanged, so the new string
 * is `was` up to where the first changed item stood, the changed stretch as it is now, and
 * the rest of `was`. Where an item stood is found by walking to the nearer end of the text
 * (O(1) at the end, where typing happens), counting only what was visible before.
 */
function textAfter(text: Y.Text, was: string, changed: { added: Set<Y.Item>; deleted: Set<Y.Item> }): string | null {
  const { added, deleted } = changed;
  if (added.size + deleted.size > MAX_TEXT_EDIT_ITEMS) return null;
  // What toString() counts: the strings of items not deleted. Before the transaction, an item
  // it added was not there, and one it deleted still was.
  const before = (z: Y.Item) => (z.content instanceof Y.ContentString && !added.has(z) && (!z.deleted || deleted.has(z)) ? z.length : 0);
  const indexOf = (x: Y.Item) => {
    let left = x.left as Y.Item | null;
    let right: Y.Item | null = x;
    let l = 0;
    let r = 0;
    for (;;) {
      if (left === null) return l;
      if (right === null) return was.length - r;
      l += before(left);
      left = left.left as Y.Item | null;
      r += before(right);
      right = right.right as Y.Item | null;
    }
  };
  let first: Y.Item | null = null;
  let from = Infinity;
  let last: Y.Item | null = null;
  let to = -1;
  for (const z of [...added, ...deleted]) {
    const at = indexOf(z);
    if (at < from) [first, from] = [z, at];
    if (at + before(z) > to) [last, to] = [z, at + before(z)];
  }
  if (!first || !last || to > was.length) return first ? null : was;
  // Items left of the first changed one that were invisible before may be new ones at the same place.
  while (first.left && before(first.left as Y.Item) === 0) first = first.left as Y.Item;
  while (last.right && before(last.right as Y.Item) === 0) last = last.right as Y.Item;
  // Splitting an item inside a surrogate pair turns both halves into U+FFFD (Yjs
  // ContentString.splice): a neighbour ending or starting with one is read again.
  const fffd = (z: Y.Item | null, at: 'end' | 'start') =>
    z instanceof Y.Item && z.content instanceof Y.ContentString && z.content.str.charCodeAt(at === 'end' ? z.content.str.length - 1 : 0) === 0xfffd;
  if (fffd(first.left as Y.Item | null, 'end')) {
    first = first.left as Y.Item;
    from -= before(first);
  }
  if (fffd(last.right as Y.Item | null, 'start')) last = last.right as Y.Item;
  let middle = '';
  let oldMiddle = 0;
  for (let z: Y.Item | null = first; ; z = z.right as Y.Item | null) {
    if (z === null) return null; // last is not right of first: cannot be
    if (z.content instanceof Y.ContentString && !z.deleted) middle += z.content.str;
    oldMiddle += before(z);
    if (z === last) break;
  }
  if (from + oldMiddle > was.length) return null;
  const next = from + oldMiddle === was.length ? (from === was.length ? was : was.slice(0, from)) + middle : was.slice(0, from) + middle + was.slice(from + oldMiddle);
  // Whatever Yjs counts that toString() does not (an embed) makes this differ: read it whole.
  return next.length === text.length ? next : null;
}

const plainColumn = (map: Y.Map<unknown>): ColumnPlain => ({
  title: map.get('title') == null ? '' : String(map.get('title')),
  order: map.get('order') == null ? '' : String(map.get('order')),
  removed: map.get('removed') === true,
});

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (ids: Set<string>) => [...ids].sort(byKey);

/** Adds to `into` the top-level keys of `root` that a transaction's deep events touched. */
const touchedKeys = (root: unknown, into: Set<string>) => (events: YEvents) => {
  for (const e of events) {
    if (e.target === root) e.keys.forEach((_, key) => into.add(key));
    else if (e.path.length > 0) into.add(String(e.path[0]));
  }
};

/** Items keyed by id (a repeated or missing id by its occurrence or position: a bad peer's list still diffs). */
function keyed(list: readonly unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  list.forEach((item, i) => {
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    let key = typeof id === 'string' ? `id:${id}` : `at:${i}`;
    for (let n = 2; out.has(key); n++) key = `id:${id}#${n}`;
    out.set(key, item);
  });
  return out;
}

const doneOf = (item: unknown) => item !== null && typeof item === 'object' && (item as { done?: unknown }).done === true;

/** One event per item of a comments or checklist list that was added, changed or removed. */
function itemChanges(list: ItemList, before: readonly unknown[], after: readonly unknown[]): { type: ItemEventType; before: unknown; after: unknown }[] {
  const types = ITEM_EVENTS[list];
  const was = keyed(before);
  const is = keyed(after);
  const out: { type: ItemEventType; before: unknown; after: unknown }[] = [];
  for (const [key, item] of was) if (!is.has(key)) out.push({ type: types.removed, before: copy(item), after: null });
  for (const [key, item] of is) {
    const old = was.get(key);
    if (!was.has(key)) out.push({ type: types.added, before: null, after: copy(item) });
    else if (!sameValue(old, item)) {
      // A tick alone is its own event; a tick with a new text is an edit.
      const onlyTicked = 'checked' in types && doneOf(old) !== doneOf(item) && sameValue({ ...(old as object), done: null }, { ...(item as object), done: null });
      const type = onlyTicked ? (doneOf(item) ? types.checked : types.unchecked) : types.edited;
      out.push({ type, before: copy(old), after: copy(item) });
    }
  }
  return out;
}

export class BoardProjector {
  private readonly cardsMap: Y.Map<Y.Map<unknown>>;
  private readonly columnsMap: Y.Map<Y.Map<unknown>>;
  private readonly metaMap: Y.Map<unknown>;
  private readonly cards = new Map<string, CardPlain>();
  private readonly columns = new Map<string, ColumnPlain>();
  private readonly meta = new Map<string, unknown>();
  private destroyed = false;
  private capturing = false;

  constructor(private readonly doc: Y.Doc) {
    this.cardsMap = doc.getMap('cards');
    this.columnsMap = doc.getMap('columns');
    this.metaMap = doc.getMap('meta');
    this.cardsMap.forEach((m, id) => m instanceof Y.Map && this.cards.set(id, plainCard(m)));
    this.columnsMap.forEach((m, id) => m instanceof Y.Map && this.columns.set(id, plainColumn(m)));
    this.metaMap.forEach((v, k) => this.meta.set(k, plainValue(v)));
  }

  /** Applies a Yjs update to the doc (Y.applyUpdate(doc, update, origin)) and returns what it changed, semantically. */
  apply(update: Uint8Array, origin?: unknown): SemanticEvent[] {
    return this.capture(() => Y.applyUpdate(this.doc, update, origin));
  }

  /**
   * For changes made directly (e.g. doc.transact in tests): runs fn, returns the events.
   * If fn throws, the shadow still takes in whatever fn changed, and the error propagates.
   */
  capture(fn: () => void): SemanticEvent[] {
    if (this.destroyed) throw new Error('BoardProjector: used after destroy()');
    // Observers fire when the outermost transaction ends; inside one they would fire too late.
    if (this.capturing || this.doc._transaction !== null) throw new Error('BoardProjector: capture() inside a transaction');
    const cards = new Map<string, CardTouch>();
    const columnIds = new Set<string>();
    const metaKeys = new Set<string>();
    const onCards = (events: YEvents, tr: Y.Transaction) => this.touchCards(events, tr, cards);
    const onColumns = touchedKeys(this.columnsMap, columnIds);
    const onMeta = touchedKeys(this.metaMap, metaKeys);
    this.cardsMap.observeDeep(onCards);
    this.columnsMap.observeDeep(onColumns);
    this.metaMap.observeDeep(onMeta);
    this.capturing = true;
    let events: SemanticEvent[] = [];
    try {
      fn();
    } finally {
      this.capturing = false;
      this.cardsMap.unobserveDeep(onCards);
      this.columnsMap.unobserveDeep(onColumns);
      this.metaMap.unobserveDeep(onMeta);
      events = [...this.diffColumns(columnIds), ...this.diffCards(cards), ...this.diffMeta(metaKeys)];
    }
    return events;
  }

  destroy(): void {
    this.destroyed = true;
    this.cards.clear();
    this.columns.clear();
    this.meta.clear();
  }

  private diffColumns(ids: Set<string>): SemanticEvent[] {
    const events: SemanticEvent[] = [];
    for (const id of sorted(ids)) {
      const stored = this.columns.get(id);
      const map = this.columnsMap.get(id);
      const now = map instanceof Y.Map ? plainColumn(map) : undefined;
      if (now) this.columns.set(id, now);
      else this.columns.delete(id);
      // A removed column is a tombstone: for the trail it is gone.
      const before = stored && !stored.removed ? { title: stored.title, order: stored.order } : undefined;
      const after = now && !now.removed ? { title: now.title, order: now.order } : undefined;
      const column = { entityType: 'column' as const, entityId: id };
      if (!before && after) events.push({ type: 'column.created', ...column, before: null, after });
      else if (before && !after) events.push({ type: 'column.deleted', ...column, before, after: null });
      else if (before && after) {
        if (before.order !== after.order) events.push({ type: 'column.moved', ...column, before: before.order, after: after.order });
        if (before.title !== after.title) events.push({ type: 'column.renamed', ...column, before: before.title, after: after.title });
      }
    }
    return events;
  }

  /** The cards map's deep observer: what the transaction touched in which card, with the new strings of texts edited in place. */
  private touchCards(events: YEvents, tr: Y.Transaction, cards: Map<string, CardTouch>) {
    const touch = (id: string) => {
      let t = cards.get(id);
      if (!t) cards.set(id, (t = { whole: false, fields: new Set(), inner: new Set(), texts: new Map() }));
      return t;
    };
    const edited: { t: CardTouch; card: string; field: string; text: Y.Text }[] = [];
    for (const e of events) {
      if (e.target === this.cardsMap) {
        e.keys.forEach((_, key) => (touch(key).whole = true));
        continue;
      }
      const path = e.path;
      if (path.length === 0) continue;
      const card = String(path[0]);
      const t = touch(card);
      if (path.length === 1) e.keys.forEach((_, key) => t.fields.add(key));
      else if (path.length === 2 && e.target instanceof Y.Text) edited.push({ t, card, field: String(path[1]), text: e.target });
      else t.inner.add(String(path[1]));
    }
    if (edited.length === 0) return;
    const changed = changedItems(tr, new Set(edited.map((x) => x.text)));
    for (const { t, card, field, text } of edited) {
      // The string before: this capture's earlier transaction's, else the shadow's.
      const was = t.texts.has(field) ? t.texts.get(field) : this.cards.get(card)?.[field];
      t.texts.set(field, typeof was === 'string' ? textAfter(text, was, changed.get(text) ?? { added: new Set(), deleted: new Set() }) : null);
    }
  }

  /** The card as it is now: read whole, or its shadow with only the touched fields read again. */
  private cardNow(map: Y.Map<unknown>, before: CardPlain | undefined, touch: CardTouch | undefined): CardPlain {
    if (!before || !touch || touch.whole) return plainCard(map);
    const card: CardPlain = { ...before };
    for (const field of touch.fields) refreshField(card, map, field);
    for (const field of touch.inner) if (!touch.fields.has(field)) refreshField(card, map, field);
    for (const [field, text] of touch.texts) {
      if (touch.fields.has(field) || touch.inner.has(field)) continue;
      if (text !== null && map.get(field) instanceof Y.Text) card[field] = text;
      else refreshField(card, map, field);
    }
    return card;
  }

  private diffCards(touched: Map<string, CardTouch>): SemanticEvent[] {
    const events: SemanticEvent[] = [];
    for (const id of sorted(new Set(touched.keys()))) {
      const before = this.cards.get(id);
      const map = this.cardsMap.get(id);
      const after = map instanceof Y.Map ? this.cardNow(map, before, touched.get(id)) : undefined;
      if (after) this.cards.set(id, after);
      else this.cards.delete(id);
      const card = { entityType: 'card' as const, entityId: id };
      if (!before && after) {
        events.push({ type: 'card.created', ...card, before: null, after: copy(after) });
      } else if (before && !after) {
        events.push({ type: 'card.deleted', ...card, before, after: null });
      } else if (before && after) {
        if (before.columnId !== after.columnId || before.order !== after.order) {
          const at = (c: CardPlain) => ({ columnId: c.columnId, order: c.order });
          events.push({ type: 'card.moved', ...card, before: at(before), after: at(after) });
        }
        const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
        fields.delete('columnId');
        fields.delete('order');
        for (const field of sorted(fields)) {
          const was = before[field] ?? null;
          const is = after[field] ?? null;
          if (sameValue(was, is)) continue;
          if (isItemList(field) && (was === null || Array.isArray(was)) && (is === null || Array.isArray(is))) {
            for (const e of itemChanges(field, was ?? [], is ?? [])) events.push({ ...card, ...e });
          } else events.push({ type: 'card.updated', ...card, field, before: was, after: copy(is) });
        }
      }
    }
    return events;
  }

  private diffMeta(keys: Set<string>): SemanticEvent[] {
    const events: SemanticEvent[] = [];
    for (const field of sorted(keys)) {
      const before = this.meta.has(field) ? (this.meta.get(field) ?? null) : null;
      const present = this.metaMap.has(field);
      const after = present ? (plainValue(this.metaMap.get(field)) ?? null) : null;
      if (present) this.meta.set(field, after);
      else this.meta.delete(field);
      if (!sameValue(before, after)) events.push({ type: 'board.updated', entityType: 'board', entityId: null, field, before, after: copy(after) });
    }
    return events;
  }
}
