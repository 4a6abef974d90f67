import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { byOrderThenId } from './doc';

/*
 * Typed operations on the board document (DESIGN.md, "Shared board document"). Pure: no
 * I/O, each runs in one `doc.transact(fn, origin)`, so a move writes columnId and order
 * together and a remote peer never sees half of it. Runs in the browser and on the server
 * alike (ids come from globalThis.crypto, not node:crypto).
 *
 * Orphans. A card whose column is gone (a card added to, or moved into, a column that
 * another user removed concurrently) never vanishes: readBoard (doc.ts) shows it in the
 * FIRST live column, sorted with that column's own cards by order then id, and marks it
 * `orphan: true`. The operations here see the board exactly as readBoard shows it: an
 * index in the first column counts its orphans, and removing a column re-homes every card
 * shown in it, orphans included. Moving an orphan gives it a real column again.
 *
 * Removed columns: their cards move (same transaction) to the nearest remaining column
 * (the previous one, else the next), appended after that column's cards; the column stays
 * as a tombstone (`removed: true`), never deleted, so that concurrent removals of every
 * column cannot leave the cards homeless (readBoard then shows the removed columns again).
 *
 * Order keys: fractional indices between the neighbours. Concurrent inserts at the same
 * place create equal keys (ties broken by id); a key "between" two equal keys goes after
 * them and before the next strictly greater key. Invalid keys (a bad peer) are skipped as
 * bounds, so no operation ever throws on the state of the document, only on its arguments.
 */
export class BoardOpError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'LAST_COLUMN' | 'INVALID',
    message: string = code,
  ) {
    super(message);
    this.name = 'BoardOpError';
  }
}

export const RECURRENCES = ['once', 'yearly', 'semiannual', 'ongoing', 'as-needed'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export type Deadline = { text: string; start: string | null; end: string | null; recurrence: Recurrence };
export type CardStatus = 'todo' | 'in_progress' | 'done' | 'cancelled';
export type ChecklistItem = { id: string; text: string; done: boolean };
/** The plain fields of a roadmap card (an activity, «мероприятие»). */
export type RoadmapCardFields = {
  number?: string | null;
  deadline?: Deadline;
  responsible?: string[];
  result?: string | null;
  status?: CardStatus;
  checklist?: ChecklistItem[];
};
/**
 * The plain fields of a pairs-board card: only its pair's id (the card's id too). Who the pair is,
 * its form and meetings live in Postgres; its stage is its column (lib/board/pair-cards.ts).
 */
export type PairCardFields = { pairId: string };
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Keys kept by the operations themselves: not plain fields, so not set by updateCard. */
const RESERVED = new Set(['columnId', 'order', 'title', 'description', 'comments']);
const newId = () => globalThis.crypto.randomUUID();

const columnsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('columns');
const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');

type Placed = { id: string; order: string };

/** An order as the read model sorts it; a missing one (mid-sync, or a bad peer) sorts first. */
const orderOf = (map: Y.Map<unknown>) => String(map.get('order') ?? ''); // as readBoard reads it

/** The live (not removed) columns, in board order. */
function orderedColumns(doc: Y.Doc, except?: string): Placed[] {
  const list: Placed[] = [];
  columnsOf(doc).forEach((col, id) => {
    if (id !== except && col instanceof Y.Map && col.get('removed') !== true) list.push({ id, order: orderOf(col) });
  });
  return list.sort(byOrderThenId);
}

/** The cards readBoard shows in a column (orphans count in the first column), in order. */
function shownCards(doc: Y.Doc, columnId: string, except?: string): Placed[] {
  const columns = orderedColumns(doc);
  const live = new Set(columns.map((c) => c.id));
  const first = columns[0]?.id;
  const list: Placed[] = [];
  cardsOf(doc).forEach((card, id) => {
    if (!(card instanceof Y.Map)) return; // not a card (a bad peer): readBoard skips it too
    const own = String(card.get('columnId'));
    if (id !== except && (live.has(own) ? own : first) === columnId) list.push({ id, order: orderOf(card) });
  });
  return list.sort(byOrderThenId);
}

function isKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * The bounds for a key at `index` of a sorted list: the nearest valid key before it, and
 * the first valid key at or after it that is strictly greater (skipping ties and junk).
 */
function bounds(list: Placed[], index: number): [string | null, string | null] {
  const i = Math.max(0, Math.min(Number.isFinite(index) ? Math.trunc(index) : list.length, list.length));
  let lo: string | null = null;
  for (let j = i - 1; j >= 0 && lo === null; j--) if (isKey(list[j].order)) lo = list[j].order;
  let hi: string | null = null;
  for (let j = i; j < list.length && hi === null; j++) {
    const o = list[j].order;
    if ((lo === null || o > lo) && isKey(o)) hi = o;
  }
  return [lo, hi];
}

/** A key that sorts after the item before `index` and before the item at `index` (see bounds). */
export function keyAt(list: Placed[], index: number): string {
  return generateKeyBetween(...bounds(list, index));
}

function mustGet(map: Y.Map<Y.Map<unknown>>, id: string, what: string): Y.Map<unknown> {
  const item = map.get(id);
  if (!(item instanceof Y.Map) || item.get('removed') === true) throw new BoardOpError('NOT_FOUND', `${what} ${id} not found`);
  return item;
}

function title(text: string): string {
  const t = typeof text === 'string' ? text.trim() : '';
  if (!t) throw new BoardOpError('INVALID', 'a title cannot be empty');
  return t;
}

/** A detached copy of a plain JSON value, so a caller's later mutation cannot desync the doc. */
function plain(key: string, value: Json): Json {
  if (RESERVED.has(key)) throw new BoardOpError('INVALID', `${key} is not a plain card field`);
  if (value === undefined) throw new BoardOpError('INVALID', `${key} has no value`);
  return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as Json) : value;
}

export function addColumn(doc: Y.Doc, input: { id?: string; title: string; index?: number }, origin?: unknown): string {
  const id = input.id ?? newId();
  const name = title(input.title);
  if (columnsOf(doc).has(id)) throw new BoardOpError('INVALID', `column ${id} exists`);
  doc.transact(() => {
    const list = orderedColumns(doc);
    const column = new Y.Map<unknown>();
    column.set('title', name);
    column.set('order', keyAt(list, input.index ?? list.length));
    columnsOf(doc).set(id, column);
  }, origin);
  return id;
}

export function renameColumn(doc: Y.Doc, columnId: string, newTitle: string, origin?: unknown): void {
  const name = title(newTitle);
  const column = mustGet(columnsOf(doc), columnId, 'column');
  doc.transact(() => column.set('title', name), origin);
}

export function moveColumn(doc: Y.Doc, columnId: string, toIndex: number, origin?: unknown): void {
  const column = mustGet(columnsOf(doc), columnId, 'column');
  doc.transact(() => column.set('order', keyAt(orderedColumns(doc, columnId), toIndex)), origin);
}

export function removeColumn(doc: Y.Doc, columnId: string, origin?: unknown): void {
  const column = mustGet(columnsOf(doc), columnId, 'column');
  const all = orderedColumns(doc);
  if (all.length <= 1) throw new BoardOpError('LAST_COLUMN', 'the last column cannot be removed');
  doc.transact(() => {
    const at = all.findIndex((c) => c.id === columnId);
    const target = (all[at - 1] ?? all[at + 1]).id;
    const moving = shownCards(doc, columnId);
    const targetCards = shownCards(doc, target);
    const keys = generateNKeysBetween(...bounds(targetCards, targetCards.length), moving.length);
    moving.forEach((card, i) => {
      const map = cardsOf(doc).get(card.id)!;
      map.set('columnId', target);
      map.set('order', keys[i]);
    });
    column.set('removed', true);
  }, origin);
}

export function addCard(
  doc: Y.Doc,
  input: { id?: string; columnId: string; title: string; description?: string; index?: number; fields?: Record<string, Json> },
  origin?: unknown,
): string {
  const id = input.id ?? newId();
  const name = title(input.title);
  const fields = Object.entries(input.fields ?? {}).map(([k, v]) => [k, plain(k, v)] as const);
  mustGet(columnsOf(doc), input.columnId, 'column');
  if (cardsOf(doc).has(id)) throw new BoardOpError('INVALID', `card ${id} exists`);
  doc.transact(() => {
    const list = shownCards(doc, input.columnId);
    const card = new Y.Map<unknown>();
    card.set('columnId', input.columnId);
    card.set('order', keyAt(list, input.index ?? list.length));
    card.set('title', new Y.Text(name));
    card.set('description', new Y.Text(input.description ?? ''));
    card.set('comments', new Y.Array());
    for (const [k, v] of fields) card.set(k, v);
    cardsOf(doc).set(id, card);
  }, origin);
  return id;
}

/** Sets plain fields (RoadmapCardFields, PairCardFields, ...); a field set to null stays, as null. */
export function updateCard(doc: Y.Doc, cardId: string, patch: Record<string, Json>, origin?: unknown): void {
  const fields = Object.entries(patch).map(([k, v]) => [k, plain(k, v)] as const);
  const card = mustGet(cardsOf(doc), cardId, 'card');
  doc.transact(() => {
    for (const [k, v] of fields) card.set(k, v);
  }, origin);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The smallest single splice turning `before` into `after` (common prefix and suffix kept),
 * never splitting a surrogate pair: concurrent edits of an emoji would leave half of one.
 */
export function minimalSplice(before: string, after: string): { index: number; remove: number; insert: string } | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** Replaces a text with the smallest edit, so concurrent typing elsewhere in it merges. */
export function setCardText(doc: Y.Doc, cardId: string, field: 'title' | 'description', text: string, origin?: unknown): void {
  if (field !== 'title' && field !== 'description') throw new BoardOpError('INVALID', `${String(field)} is not a text field`);
  if (typeof text !== 'string') throw new BoardOpError('INVALID', 'a text must be a string');
  if (field === 'title') title(text);
  const card = mustGet(cardsOf(doc), cardId, 'card');
  doc.transact(() => {
    let ytext = card.get(field);
    if (!(ytext instanceof Y.Text)) card.set(field, (ytext = new Y.Text())); // a bad peer's plain string
    const t = ytext as Y.Text;
    const splice = minimalSplice(t.toString(), text);
    if (!splice) return;
    if (splice.remove > 0) t.delete(splice.index, splice.remove);
    if (splice.insert) t.insert(splice.index, splice.insert);
  }, origin);
}

/** Moves a card to `toIndex` among the cards shown in the target column (itself excluded). */
export function moveCard(doc: Y.Doc, cardId: string, toColumnId: string, toIndex: number, origin?: unknown): void {
  const card = mustGet(cardsOf(doc), cardId, 'card');
  mustGet(columnsOf(doc), toColumnId, 'column');
  doc.transact(() => {
    card.set('columnId', toColumnId);
    card.set('order', keyAt(shownCards(doc, toColumnId, cardId), toIndex));
  }, origin);
}

export function removeCard(doc: Y.Doc, cardId: string, origin?: unknown): void {
  mustGet(cardsOf(doc), cardId, 'card');
  doc.transact(() => cardsOf(doc).delete(cardId), origin);
}

export type CardComment = { id: string; authorId: string; at: string; text: string };

/**
 * Appends a comment. Comments live in a Y.Array made with the card, so concurrent comments
 * all survive (a plain array field would keep only the last writer's).
 */
export function addComment(doc: Y.Doc, cardId: string, comment: Omit<CardComment, 'id'>, origin?: unknown): string {
  const text = comment.text.trim();
  if (!text) throw new BoardOpError('INVALID', 'a comment cannot be empty');
  const id = newId();
  const card = mustGet(cardsOf(doc), cardId, 'card');
  doc.transact(() => {
    let list = card.get('comments');
    if (!(list instanceof Y.Array)) card.set('comments', (list = new Y.Array()));
    (list as Y.Array<CardComment>).push([{ ...comment, text, id }]);
  }, origin);
  return id;
}
