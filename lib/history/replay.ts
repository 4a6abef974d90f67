import * as Y from 'yjs';
import { auditRow } from '../audit/audit-row';
import { BoardProjector, ITEM_EVENTS, type CardPlain } from '../audit/projector';
import { byOrderThenId, readBoard } from '../board/doc';
import { keyAt } from '../board/ops';

/*
 * A board rebuilt from its audit trail (DESIGN.md, "History and time travel"): compaction drops
 * old Yjs history, the trail keeps every semantic change. The state is what the audit projector's
 * shadow holds (lib/audit/projector.ts: meta, columns with their tombstones, cards as CardPlain),
 * and applyEvent replays one stored row on it. Pure: no I/O.
 *
 * applyEvent changes the state's maps in place and returns the state (a board of 200,000 events
 * is not copied 200,000 times), but it never mutates a card, column or list it has stored: it
 * replaces them. A snapshot taken with contentOf stays as it was while the replay goes on
 * (db/queries/board-history.ts stores checkpoints that way). The state takes the rows' values
 * over without copying them: a caller must not change a row once applied.
 *
 * What the trail cannot give back exactly (so the board as of a date may differ from what was
 * on screen then, in these ways only):
 * - a board created before board.created carried its content starts empty: its first cards and
 *   columns are missing, and events on them are skipped;
 * - a comment's or checklist item's position is not recorded (the projector reports the item,
 *   not where it went): an added item goes to the end of its list, as the UI adds them. The
 *   view shows comments by time; a checklist item a concurrent write brought back shows last;
 * - typing is coalesced per (actor, card, field) before it is written (lib/audit/coalesce.ts):
 *   two people typing in one text at once are replayed as each one's last value, in the order
 *   the rows were written;
 * - a removed column is a tombstone whose later changes are not audited: only when concurrent
 *   removals took every column away (the board then shows the tombstones again) may a column's
 *   title or place differ.
 */
export type ColumnState = { title: string; order: string; removed: boolean };
export type BoardState = { meta: Map<string, unknown>; columns: Map<string, ColumnState>; cards: Map<string, CardPlain> };
/** A state as JSON (board.created's `after.content`, audit_checkpoints.state). */
export type BoardContent = { meta: Record<string, unknown>; columns: Record<string, ColumnState>; cards: Record<string, CardPlain> };
/** An audit row as stored (lib/audit/audit-row.ts): a field change keeps the field's name in before/after. */
export type ReplayRow = { type: string; entityId: string | null; before: unknown; after: unknown };

export type AsOfCard = { id: string; title: string; fields: Record<string, unknown> };
export type AsOfColumn = { id: string; title: string; cards: AsOfCard[] };
/** DESIGN.md's stable shape of `GET /api/boards/<id>/as-of`. */
export type AsOfView = { columns: AsOfColumn[] };

export const emptyBoard = (): BoardState => ({ meta: new Map(), columns: new Map(), cards: new Map() });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// fromEntries defines own properties: a key "__proto__" (a bad peer's id) stays a key.
const toRecord = <V>(m: Map<string, V>): Record<string, V> => Object.fromEntries(m);
const toMap = <V>(r: unknown): Map<string, V> => new Map(isObject(r) ? (Object.entries(r) as [string, V][]) : []);

/** The state as JSON; shares the cards and columns (applyEvent never mutates them). */
export function contentOf(state: BoardState): BoardContent {
  return { meta: toRecord(state.meta), columns: toRecord(state.columns), cards: toRecord(state.cards) };
}

/** A state from its JSON (what contentOf gave, read back from the database); takes the values over. */
export function stateFrom(content: unknown): BoardState {
  const c = isObject(content) ? content : {};
  return { meta: toMap(c.meta), columns: toMap(c.columns), cards: toMap(c.cards) };
}

/** A document's content as the audit projector's shadow holds it: what board.created records. */
export function contentOfDoc(doc: Y.Doc): BoardContent {
  const projector = new BoardProjector(new Y.Doc());
  const state = projector.apply(Y.encodeStateAsUpdate(doc)).reduce((s: BoardState, e) => applyEvent(s, auditRow(null, new Date(0), e)), emptyBoard());
  projector.destroy();
  // The projector reports no tombstones; a document that has some keeps them.
  doc.getMap<Y.Map<unknown>>('columns').forEach((col, id) => {
    if (col instanceof Y.Map && col.get('removed') === true) state.columns.set(id, { title: String(col.get('title') ?? ''), order: String(col.get('order') ?? ''), removed: true });
  });
  return contentOf(state);
}

/** The one field a field change's row names (`{[field]: value}`), or null. */
function fieldOf(row: ReplayRow): string | null {
  const side = isObject(row.after) ? row.after : isObject(row.before) ? row.before : null;
  const keys = side ? Object.keys(side) : [];
  return keys.length === 1 ? keys[0] : null;
}

/** Item event type → its list and what happened to the item. */
const ITEM_EVENT: ReadonlyMap<string, { list: string; action: string }> = new Map(
  Object.entries(ITEM_EVENTS).flatMap(([list, types]) => Object.entries(types).map(([action, type]) => [type, { list, action }] as const)),
);
const ITEM_LISTS: ReadonlySet<string> = new Set(Object.keys(ITEM_EVENTS));

const itemId = (item: unknown) => (isObject(item) && typeof item.id === 'string' ? item.id : null);

/** The position of `item` in `list`: by id, or (no id: a bad peer's) by equal JSON. */
function indexOfItem(list: readonly unknown[], item: unknown): number {
  const id = itemId(item);
  if (id !== null) return list.findIndex((x) => itemId(x) === id);
  const json = JSON.stringify(item);
  return list.findIndex((x) => JSON.stringify(x) === json);
}

function itemChange(card: CardPlain, list: string, action: string, row: ReplayRow): CardPlain {
  const was = Array.isArray(card[list]) ? (card[list] as unknown[]) : [];
  const next = [...was];
  if (action === 'added') next.push(row.after);
  else if (action === 'removed') {
    const at = indexOfItem(next, row.before);
    if (at >= 0) next.splice(at, 1);
  } else {
    const at = indexOfItem(next, row.after);
    if (at >= 0) next[at] = row.after;
    else next.push(row.after);
  }
  return { ...card, [list]: next };
}

/** The cards the board shows in a column (orphans in the first live column), in order: as lib/board/ops.ts sees them. */
function shownCards(state: BoardState, columnId: string, except: string): { id: string; order: string }[] {
  const live = [...state.columns].filter(([, c]) => !c.removed).map(([id, c]) => ({ id, order: c.order }));
  live.sort(byOrderThenId);
  const ids = new Set(live.map((c) => c.id));
  const first = live[0]?.id;
  const list: { id: string; order: string }[] = [];
  for (const [id, card] of state.cards) if (id !== except && (ids.has(card.columnId) ? card.columnId : first) === columnId) list.push({ id, order: card.order });
  return list.sort(byOrderThenId);
}

function setCard(state: BoardState, id: string | null, change: (card: CardPlain) => CardPlain) {
  const card = id === null ? undefined : state.cards.get(id);
  if (card) state.cards.set(id!, change(card));
}

function setColumn(state: BoardState, id: string | null, change: (column: ColumnState) => ColumnState) {
  const column = id === null ? undefined : state.columns.get(id);
  if (column) state.columns.set(id!, change(column));
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The card a card.created or card.restored row carries, as the projector's shadow holds it. */
function cardOf(after: Record<string, unknown>): CardPlain {
  const { fromEvent: _fromEvent, ...card } = after;
  return { ...card, columnId: text(card.columnId), order: text(card.order), title: text(card.title), description: text(card.description) };
}

/** Replays one audit row of the board on `state` (in place; see above) and returns it. Rows of other types change nothing. */
export function applyEvent(state: BoardState, row: ReplayRow): BoardState {
  const id = row.entityId;
  const after = row.after;
  switch (row.type) {
    case 'board.created': {
      // A board created before its content was recorded starts empty (see above).
      const content = isObject(after) ? after.content : undefined;
      if (!isObject(content)) return state;
      const fresh = stateFrom(content);
      state.meta = fresh.meta;
      state.columns = fresh.columns;
      state.cards = fresh.cards;
      return state;
    }
    case 'board.updated': {
      const field = fieldOf(row);
      if (field !== null) state.meta.set(field, isObject(after) ? (after[field] ?? null) : null);
      return state;
    }
    case 'card.created':
    case 'card.restored':
      if (id !== null && isObject(after)) state.cards.set(id, cardOf(after));
      return state;
    case 'card.deleted':
      if (id !== null) state.cards.delete(id);
      return state;
    case 'card.moved':
      if (isObject(after)) setCard(state, id, (c) => ({ ...c, columnId: text(after.columnId), order: text(after.order) }));
      return state;
    case 'pair.stage_changed': {
      // The board writer puts the pair's card at the end of its stage's column (lib/board/pair-cards.ts);
      // the row names the stage only, so the order is the one that move computed from the same board.
      if (!isObject(after) || typeof after.stage !== 'string') return state;
      const stage = after.stage;
      setCard(state, id, (c) => ({ ...c, columnId: stage, order: typeof after.order === 'string' ? after.order : keyAt(shownCards(state, stage, id!), Number.MAX_SAFE_INTEGER) }));
      return state;
    }
    case 'card.updated': {
      const field = fieldOf(row);
      if (field === null || field === 'columnId' || field === 'order') return state;
      const value = isObject(after) ? (after[field] ?? null) : null;
      setCard(state, id, (c) => ({ ...c, [field]: field === 'title' || field === 'description' ? text(value) : value }));
      return state;
    }
    case 'card.field_restored': {
      if (!isObject(after) || typeof after.field !== 'string') return state;
      const field = after.field;
      const value = after.value ?? null;
      setCard(state, id, (c) => ({ ...c, [field]: field === 'title' || field === 'description' ? text(value) : value }));
      return state;
    }
    case 'column.created':
      if (id !== null && isObject(after)) state.columns.set(id, { title: text(after.title), order: text(after.order), removed: false });
      return state;
    case 'column.deleted':
      setColumn(state, id, (c) => ({ ...c, removed: true }));
      return state;
    case 'column.renamed':
      setColumn(state, id, (c) => ({ ...c, title: text(after) }));
      return state;
    case 'column.moved':
      setColumn(state, id, (c) => ({ ...c, order: text(after) }));
      return state;
    default: {
      const item = ITEM_EVENT.get(row.type);
      if (item) setCard(state, id, (c) => itemChange(c, item.list, item.action, row));
      return state;
    }
  }
}

/** Comments by time then id: the trail does not say where in the list a concurrent comment went. */
function chronological(list: unknown[]): unknown[] {
  const key = (c: unknown) => (isObject(c) ? `${text(c.at)}\u0000${text(c.id)}` : '');
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * A card's fields in the view: everything but its place and title (the description included).
 * A field set to null is left out, as is an empty item list: the trail (the projector) does not
 * tell null from absent, nor `[]` from no list.
 */
function viewFields(card: Record<string, unknown>): Record<string, unknown> {
  const entries: [string, unknown][] = [['description', text(card.description)]];
  for (const [k, v] of Object.entries(card)) {
    if (k === 'columnId' || k === 'order' || k === 'title' || k === 'description' || v === undefined || v === null) continue;
    if (ITEM_LISTS.has(k) && Array.isArray(v) && v.length === 0) continue;
    entries.push([k, k === 'comments' && Array.isArray(v) ? chronological(v) : v]);
  }
  return Object.fromEntries(entries);
}

type Placed = { id: string; order: string; title: string; removed: boolean };
type PlacedCard = { id: string; columnId: string; order: string; title: string; fields: Record<string, unknown> };

/** The view as lib/board/doc.ts readBoard lays the board out: live columns by order, each card once, orphans in the first column. */
function layout(columns: Placed[], cards: Iterable<PlacedCard>): AsOfView {
  const live = columns.some((c) => !c.removed) ? columns.filter((c) => !c.removed) : columns; // every column removed: tombstones count again
  live.sort(byOrderThenId);
  const lists = new Map(live.map((c) => [c.id, [] as { id: string; order: string; card: AsOfCard }[]]));
  const first = live[0]?.id;
  for (const card of cards) {
    const list = lists.get(card.columnId) ?? (first === undefined ? undefined : lists.get(first));
    list?.push({ id: card.id, order: card.order, card: { id: card.id, title: card.title, fields: card.fields } });
  }
  return {
    columns: live.map((c) => ({ id: c.id, title: c.title, cards: lists.get(c.id)!.sort(byOrderThenId).map((x) => x.card) })),
  };
}

/** The board as DESIGN.md's stable shape `{columns:[{id, title, cards:[{id, title, fields}]}]}`. */
export function asOfView(state: BoardState): AsOfView {
  const columns = [...state.columns].map(([id, c]) => ({ id, title: c.title, order: c.order, removed: c.removed }));
  const cards = [...state.cards].map(([id, c]) => ({ id, columnId: c.columnId, order: c.order, title: c.title, fields: viewFields(c) }));
  return layout(columns, cards);
}

/** A live document in the same shape (lib/board/doc.ts readBoard), to compare the board as of a date with now. */
export function liveView(doc: Y.Doc): AsOfView {
  const board = readBoard(doc);
  return {
    columns: board.columns.map((c) => ({
      id: c.id,
      title: c.title,
      cards: c.cards.map((card) => ({ id: card.id, title: card.title, fields: viewFields({ ...card.fields, description: card.description }) })),
    })),
  };
}
