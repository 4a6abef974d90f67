import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { byOrderThenId } from './doc';
import { textSplice } from './view-logic';

/*
 * Typed operations on the board document (DESIGN.md, "Shared board document"). Each runs
 * in one transaction, so a move writes columnId and order together and a remote peer
 * never sees half of it. Runs in the browser and on the server alike.
 *
 * Removed columns: their cards move (in the same transaction) to the nearest remaining
 * column, and the column stays as a tombstone (`removed: true`), never deleted, so that
 * concurrent removals of every column cannot leave cards homeless (readBoard then shows
 * the removed columns again). A card added to a column concurrently removed by someone
 * else is an orphan; readBoard shows it in the first column, so no card ever vanishes.
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

export type Recurrence = 'once' | 'yearly' | 'semiannual' | 'ongoing' | 'as-needed';
export type Deadline = { text: string; start: string | null; end: string | null; recurrence: Recurrence };
export type RoadmapCardFields = {
  number?: string | null;
  deadline?: Deadline | { text: string };
  responsible?: string[];
  result?: string | null;
  status?: 'todo' | 'in_progress' | 'done' | 'cancelled';
  checklist?: { id: string; text: string; done: boolean }[];
};
export type PairCardFields = { mentorId: string; menteeIds: string[]; form?: string; stage?: string };
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const RESERVED = new Set(['columnId', 'order', 'title', 'description', 'comments']);
const newId = () => globalThis.crypto.randomUUID();

const columnsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('columns');
const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');

type Placed = { id: string; order: string };

function orderedColumns(doc: Y.Doc, except?: string): Placed[] {
  const list: Placed[] = [];
  columnsOf(doc).forEach((col, id) => id !== except && col.get('removed') !== true && list.push({ id, order: orderOf(col) }));
  return list.sort(byOrderThenId);
}

function orderedCards(doc: Y.Doc, columnId: string, except?: string): Placed[] {
  const list: Placed[] = [];
  cardsOf(doc).forEach((card, id) => {
    if (id !== except && card.get('columnId') === columnId) list.push({ id, order: orderOf(card) });
  });
  return list.sort(byOrderThenId);
}

/** An order as the read model sorts it; a missing one (mid-sync, or a bad peer) sorts first. */
const orderOf = (map: Y.Map<unknown>) => {
  const order = map.get('order');
  return typeof order === 'string' ? order : '';
};

function validKey(key: string | null): string | null {
  if (key === null) return null;
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return null; // not a fractional index: place relative to the valid neighbours only
  }
}

/**
 * A key that sorts after the item before `index` and before the item at `index`.
 * Concurrent inserts can leave two neighbours with the same key (ties broken by id);
 * then the new key goes after the tie and before the next strictly greater key.
 */
export function keyAt(list: Placed[], index: number): string {
  const i = Math.max(0, Math.min(index, list.length));
  const before = i > 0 ? validKey(list[i - 1].order) : null;
  let after = i < list.length ? validKey(list[i].order) : null;
  if (before !== null && after !== null && after <= before) {
    after = validKey(list.slice(i).find((p) => p.order > before)?.order ?? null);
  }
  return generateKeyBetween(before, after);
}

function mustGet(map: Y.Map<Y.Map<unknown>>, id: string, what: string): Y.Map<unknown> {
  const item = map.get(id);
  if (!item || item.get('removed') === true) throw new BoardOpError('NOT_FOUND', `${what} ${id} not found`);
  return item;
}

function title(text: string): string {
  const t = text.trim();
  if (!t) throw new BoardOpError('INVALID', 'a title cannot be empty');
  return t;
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
  doc.transact(() => mustGet(columnsOf(doc), columnId, 'column').set('title', name), origin);
}

export function moveColumn(doc: Y.Doc, columnId: string, toIndex: number, origin?: unknown): void {
  doc.transact(() => {
    const column = mustGet(columnsOf(doc), columnId, 'column');
    column.set('order', keyAt(orderedColumns(doc, columnId), toIndex));
  }, origin);
}

export function removeColumn(doc: Y.Doc, columnId: string, origin?: unknown): void {
  doc.transact(() => {
    mustGet(columnsOf(doc), columnId, 'column');
    const all = orderedColumns(doc);
    if (all.length <= 1) throw new BoardOpError('LAST_COLUMN', 'the last column cannot be removed');
    const at = all.findIndex((c) => c.id === columnId);
    const target = (all[at - 1] ?? all[at + 1]).id;
    const moving = orderedCards(doc, columnId);
    let last = validKey(orderedCards(doc, target).at(-1)?.order ?? null);
    for (const card of moving) {
      last = generateKeyBetween(last, null);
      const map = cardsOf(doc).get(card.id)!;
      map.set('columnId', target);
      map.set('order', last);
    }
    columnsOf(doc).get(columnId)!.set('removed', true);
  }, origin);
}

export function addCard(
  doc: Y.Doc,
  input: { id?: string; columnId: string; title: string; description?: string; index?: number; fields?: Record<string, Json> },
  origin?: unknown,
): string {
  const id = input.id ?? newId();
  const name = title(input.title);
  doc.transact(() => {
    mustGet(columnsOf(doc), input.columnId, 'column');
    const list = orderedCards(doc, input.columnId);
    const card = new Y.Map<unknown>();
    card.set('columnId', input.columnId);
    card.set('order', keyAt(list, input.index ?? list.length));
    card.set('title', new Y.Text(name));
    card.set('description', new Y.Text(input.description ?? ''));
    card.set('comments', new Y.Array());
    for (const [k, v] of Object.entries(input.fields ?? {})) if (!RESERVED.has(k)) card.set(k, v);
    cardsOf(doc).set(id, card);
  }, origin);
  return id;
}

export function updateCard(doc: Y.Doc, cardId: string, patch: Record<string, Json>, origin?: unknown): void {
  const bad = Object.keys(patch).find((k) => RESERVED.has(k));
  if (bad) throw new BoardOpError('INVALID', `${bad} is not changed by updateCard`);
  doc.transact(() => {
    const card = mustGet(cardsOf(doc), cardId, 'card');
    for (const [k, v] of Object.entries(patch)) card.set(k, v);
  }, origin);
}

/** Replaces a text with the smallest edit (common prefix and suffix kept), so concurrent typing merges. */
export function setCardText(doc: Y.Doc, cardId: string, field: 'title' | 'description', text: string, origin?: unknown): void {
  if (field === 'title') title(text);
  doc.transact(() => {
    const ytext = mustGet(cardsOf(doc), cardId, 'card').get(field);
    if (!(ytext instanceof Y.Text)) throw new BoardOpError('INVALID', `${field} is not a text`);
    const splice = textSplice(ytext.toString(), text);
    if (!splice) return;
    if (splice.remove > 0) ytext.delete(splice.index, splice.remove);
    if (splice.insert) ytext.insert(splice.index, splice.insert);
  }, origin);
}

export function moveCard(doc: Y.Doc, cardId: string, toColumnId: string, toIndex: number, origin?: unknown): void {
  doc.transact(() => {
    const card = mustGet(cardsOf(doc), cardId, 'card');
    mustGet(columnsOf(doc), toColumnId, 'column');
    card.set('columnId', toColumnId);
    card.set('order', keyAt(orderedCards(doc, toColumnId, cardId), toIndex));
  }, origin);
}

export function removeCard(doc: Y.Doc, cardId: string, origin?: unknown): void {
  doc.transact(() => {
    mustGet(cardsOf(doc), cardId, 'card');
    cardsOf(doc).delete(cardId);
  }, origin);
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
  doc.transact(() => {
    const card = mustGet(cardsOf(doc), cardId, 'card');
    let list = card.get('comments');
    if (!(list instanceof Y.Array)) card.set('comments', (list = new Y.Array()));
    (list as Y.Array<CardComment>).push([{ ...comment, text, id }]);
  }, origin);
  return id;
}
