import type { BoardView, CardView } from './doc';

/*
 * Pure decisions of the board UI: how urgent a deadline is, which cards a filter shows,
 * and where a caret goes when someone else edits the same text.
 */
export type Urgency = 'overdue' | 'soon' | null;
const DAY = 86_400_000;

/** Overdue: the end date has passed and the activity is not finished. Soon: within `soonDays`. */
export function deadlineUrgency(fields: Record<string, unknown>, today: Date, soonDays = 7): Urgency {
  const status = fields.status;
  if (status === 'done' || status === 'cancelled') return null;
  const deadline = fields.deadline as { end?: string | null; start?: string | null } | undefined;
  const end = deadline?.end ?? null;
  if (!end || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return null;
  const due = Date.parse(`${end}T23:59:59`);
  const now = today.getTime();
  if (due < now) return 'overdue';
  if (due - now <= soonDays * DAY) return 'soon';
  return null;
}

export type BoardFilter = { text: string; responsible: string; status: string; overdue: boolean; mine: string[] };
export const NO_FILTER: BoardFilter = { text: '', responsible: '', status: '', overdue: false, mine: [] };

export const isFiltering = (f: BoardFilter) => !!(f.text.trim() || f.responsible || f.status || f.overdue || f.mine.length);

const responsibleOf = (card: CardView): string[] => (Array.isArray(card.fields.responsible) ? card.fields.responsible.map(String) : []);

/** Does the card pass the filter? `mine` holds the user's own names/ids: any of them among the responsible. */
export function matchesFilter(card: CardView, f: BoardFilter, today: Date): boolean {
  const responsible = responsibleOf(card);
  if (f.responsible && !responsible.includes(f.responsible)) return false;
  if (f.status && (card.fields.status ?? 'todo') !== f.status) return false;
  if (f.overdue && deadlineUrgency(card.fields, today) !== 'overdue') return false;
  if (f.mine.length) {
    const mine = f.mine.map((s) => s.toLowerCase());
    if (!responsible.some((r) => mine.some((me) => r.toLowerCase().includes(me)))) return false; // a pair's «mine» is the pairs board's (lib/board/pair-filters)
  }
  const text = f.text.trim().toLowerCase();
  if (text) {
    const hay = [card.title, card.description, String(card.fields.result ?? ''), ...responsible, String((card.fields.deadline as { text?: string })?.text ?? '')]
      .join('\n')
      .toLowerCase();
    if (!hay.includes(text)) return false;
  }
  return true;
}

/** Where a drop lands: the target column and the index among its cards (the dragged one left out). */
export function dropTarget(view: BoardView, cardId: string, over: { id: string | number; data: { current?: Record<string, unknown> } }) {
  const data = over.data.current ?? {};
  const columnId = String(data.columnId ?? '');
  const column = view.columns.find((c) => c.id === columnId);
  if (!column) return null;
  const others = column.cards.filter((c) => c.id !== cardId);
  if (data.type !== 'card') return { columnId, index: others.length };
  const overIndex = others.findIndex((c) => c.id === over.id);
  const from = column.cards.findIndex((c) => c.id === cardId);
  const to = column.cards.findIndex((c) => c.id === over.id);
  // Within one column, moving down lands after the card it is over; otherwise before it.
  return { columnId, index: from >= 0 && from < to ? overIndex + 1 : overIndex };
}

/** Every responsible entry on the board, for the filter's list. */
export function allResponsible(cards: CardView[]): string[] {
  return [...new Set(cards.flatMap(responsibleOf))].sort((a, b) => a.localeCompare(b, 'ru'));
}

export type TextDelta = { insert?: string | object; retain?: number; delete?: number }[];

/**
 * Where a position in a text ends up after a remote change (a Yjs delta): text inserted
 * before it pushes it right, text deleted before it pulls it left. Inserts exactly at the
 * position stay after it, so another person's typing does not drag our caret along.
 */
export function transformPosition(pos: number, delta: TextDelta): number {
  let index = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (index > pos) break;
    if (op.retain !== undefined) index += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < pos) shift += len;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, Math.max(0, pos - index));
      shift -= removed;
      index += op.delete;
    }
  }
  return Math.max(0, pos + shift);
}

/** The smallest single splice turning one text into another, never splitting a surrogate pair. */
export { minimalSplice as textSplice } from './ops';

/**
 * Keeps the previous objects of columns and cards that did not change, so memoised
 * components re-render only what an update touched (a 500-card board stays smooth).
 */
export function reuseUnchanged(prev: BoardView, next: BoardView): BoardView {
  const prevCards = new Map(prev.columns.flatMap((c) => c.cards).map((c) => [c.id, c]));
  const sameCard = (a: CardView, b: CardView) => a.order === b.order && a.columnId === b.columnId && a.title === b.title && a.description === b.description && JSON.stringify(a.fields) === JSON.stringify(b.fields) && a.orphan === b.orphan;
  const prevColumns = new Map(prev.columns.map((c) => [c.id, c]));
  const columns = next.columns.map((col) => {
    const cards = col.cards.map((card) => {
      const old = prevCards.get(card.id);
      return old && sameCard(old, card) ? old : card;
    });
    const old = prevColumns.get(col.id);
    const unchanged = old && old.title === col.title && old.order === col.order && old.cards.length === cards.length && old.cards.every((c, i) => c === cards[i]);
    return unchanged ? old : { ...col, cards };
  });
  const same = columns.length === prev.columns.length && columns.every((c, i) => c === prev.columns[i]) && prev.title === next.title;
  return same ? prev : { ...next, columns };
}
