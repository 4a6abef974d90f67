import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc, byOrderThenId, readBoard } from './doc';
import {
  addCard, addColumn, addComment, BoardOpError, keyAt, minimalSplice, moveCard, moveColumn, removeCard, removeColumn, renameColumn, setCardText, updateCard,
} from './ops';

const board = () =>
  buildBoardDoc({
    title: 'Доска',
    kind: 'roadmap',
    period: null,
    columns: [
      { id: 'a', title: 'Подготовка', cards: [{ id: 'k1', title: 'Приказ' }, { id: 'k2', title: 'Положение' }] },
      { id: 'b', title: 'Наставляемые', cards: [{ id: 'k3', title: 'Анкета' }] },
      { id: 'c', title: 'Наставники', cards: [] },
    ],
  });
const titles = (doc: Y.Doc) => readBoard(doc).columns.map((c) => `${c.title}: ${c.cards.map((k) => k.title).join(', ')}`);
const ids = (doc: Y.Doc, column: number) => readBoard(doc).columns[column].cards.map((k) => k.id);
const replica = (of: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(of));
  return d;
};
const sync = (...docs: Y.Doc[]) => {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof BoardOpError ? err.code : `not a BoardOpError: ${String(err)}`;
  }
  return 'no error';
};
const strictlyOrdered = (doc: Y.Doc) =>
  readBoard(doc).columns.every((c) => c.cards.every((k, i) => i === 0 || byOrderThenId(c.cards[i - 1], k) === -1));

describe('board operations: columns', () => {
  it('are added at a position (default: the end), renamed and moved', () => {
    const doc = board();
    const id = addColumn(doc, { title: 'Пары', index: 1 });
    expect(readBoard(doc).columns.map((c) => c.title)).toEqual(['Подготовка', 'Пары', 'Наставляемые', 'Наставники']);
    addColumn(doc, { id: 'z', title: '  Итоги  ' });
    expect(readBoard(doc).columns.at(-1)).toMatchObject({ id: 'z', title: 'Итоги' });
    renameColumn(doc, id, 'Наставнические пары');
    moveColumn(doc, id, 4);
    expect(readBoard(doc).columns.map((c) => c.title)).toEqual(['Подготовка', 'Наставляемые', 'Наставники', 'Итоги', 'Наставнические пары']);
    moveColumn(doc, id, 0);
    moveColumn(doc, 'z', -5);
    expect(readBoard(doc).columns.map((c) => c.id).slice(0, 2)).toEqual(['z', id]);
  });

  it("a removed column's cards go after the previous column's (the next for the first); the last column stays", () => {
    const doc = board();
    removeColumn(doc, 'b');
    expect(titles(doc)).toEqual(['Подготовка: Приказ, Положение, Анкета', 'Наставники: ']);
    removeColumn(doc, 'a');
    expect(titles(doc)).toEqual(['Наставники: Приказ, Положение, Анкета']);
    expect(readBoard(doc).columns[0].cards.every((k) => k.columnId === 'c' && !k.orphan)).toBe(true);
    expect(code(() => removeColumn(doc, 'c'))).toBe('LAST_COLUMN');
    expect(code(() => renameColumn(doc, 'a', 'x'))).toBe('NOT_FOUND');
    expect(code(() => moveCard(doc, 'k1', 'a', 0))).toBe('NOT_FOUND');
    expect(code(() => addCard(doc, { columnId: 'b', title: 'x' }))).toBe('NOT_FOUND');
  });

  it('a removal is one transaction, with the origin given', () => {
    const doc = board();
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    removeColumn(doc, 'a', 'me');
    expect(origins).toEqual(['me']);
  });
});

describe('board operations: cards', () => {
  it('are added at a position, moved within and across columns, edited and removed', () => {
    const doc = board();
    const k4 = addCard(doc, { columnId: 'a', title: 'Программа', index: 1, fields: { status: 'todo', responsible: ['Куратор'] } });
    expect(titles(doc)[0]).toBe('Подготовка: Приказ, Программа, Положение');
    moveCard(doc, 'k1', 'a', 3);
    expect(titles(doc)[0]).toBe('Подготовка: Программа, Положение, Приказ');
    moveCard(doc, k4, 'c', 0);
    expect(titles(doc)[2]).toBe('Наставники: Программа');
    updateCard(doc, k4, { status: 'done', checklist: [{ id: 'i1', text: 'Подписать', done: false }] });
    expect(readBoard(doc).columns[2].cards[0].fields).toMatchObject({ status: 'done', responsible: ['Куратор'], checklist: [{ id: 'i1', text: 'Подписать', done: false }] });
    removeCard(doc, 'k3');
    expect(titles(doc)[1]).toBe('Наставляемые: ');
    expect(code(() => removeCard(doc, 'k3'))).toBe('NOT_FOUND');
  });

  it('a move writes column and order in one transaction', () => {
    const doc = board();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    moveCard(doc, 'k1', 'b', 1);
    expect(updates).toHaveLength(1);
    expect(ids(doc, 1)).toEqual(['k3', 'k1']);
  });

  it('stores a copy of plain values, so later changes to the caller’s objects do not leak in', () => {
    const doc = board();
    const responsible = ['Куратор'];
    updateCard(doc, 'k1', { responsible });
    responsible.push('Директор');
    expect(readBoard(doc).columns[0].cards[0].fields.responsible).toEqual(['Куратор']);
    expect(readBoard(replica(doc))).toEqual(readBoard(doc));
  });

  it('text is replaced with the smallest edit, so concurrent typing merges', () => {
    const a = board();
    const b = replica(a);
    setCardText(a, 'k1', 'title', 'Приказ о наставничестве');
    setCardText(b, 'k1', 'title', 'Проект: Приказ');
    sync(a, b);
    expect(readBoard(a).columns[0].cards[0].title).toBe('Проект: Приказ о наставничестве');
    expect(readBoard(b)).toEqual(readBoard(a));
  });

  it('never splits a surrogate pair, so concurrent emoji edits stay well-formed', () => {
    expect(minimalSplice('a😀b', 'a😁b')).toEqual({ index: 1, remove: 2, insert: '😁' });
    expect(minimalSplice('same', 'same')).toBeNull();
    expect(minimalSplice('abc', 'abXc')).toEqual({ index: 2, remove: 0, insert: 'X' });
    const a = board();
    setCardText(a, 'k1', 'description', '😀');
    const b = replica(a);
    setCardText(a, 'k1', 'description', '😁');
    setCardText(b, 'k1', 'description', '😂');
    sync(a, b);
    const text = readBoard(a).columns[0].cards[0].description;
    expect(text).toBe(readBoard(b).columns[0].cards[0].description);
    expect([...text].sort()).toEqual(['😁', '😂']);
  });

  it('refuses bad input with a BoardOpError and leaves the document unchanged', () => {
    const doc = board();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(code(() => addCard(doc, { columnId: 'zzz', title: 'x' }))).toBe('NOT_FOUND');
    expect(code(() => addCard(doc, { columnId: 'a', title: '   ' }))).toBe('INVALID');
    expect(code(() => addCard(doc, { id: 'k1', columnId: 'a', title: 'again' }))).toBe('INVALID');
    expect(code(() => addCard(doc, { columnId: 'a', title: 'x', fields: { order: 'a0' } }))).toBe('INVALID');
    expect(code(() => moveCard(doc, 'nope', 'a', 0))).toBe('NOT_FOUND');
    expect(code(() => moveCard(doc, 'k1', 'nope', 0))).toBe('NOT_FOUND');
    expect(code(() => updateCard(doc, 'k1', { order: 'a0' }))).toBe('INVALID');
    expect(code(() => updateCard(doc, 'k1', { columnId: 'b' }))).toBe('INVALID');
    expect(code(() => updateCard(doc, 'nope', { status: 'done' }))).toBe('NOT_FOUND');
    expect(code(() => setCardText(doc, 'k1', 'title', ' '))).toBe('INVALID');
    expect(code(() => setCardText(doc, 'nope', 'description', 'x'))).toBe('NOT_FOUND');
    expect(code(() => addColumn(doc, { id: 'a', title: 'again' }))).toBe('INVALID');
    expect(code(() => addColumn(doc, { title: '' }))).toBe('INVALID');
    expect(code(() => renameColumn(doc, 'a', ''))).toBe('INVALID');
    expect(code(() => moveColumn(doc, 'nope', 0))).toBe('NOT_FOUND');
    expect(code(() => removeColumn(doc, 'nope'))).toBe('NOT_FOUND');
    expect(code(() => removeCard(doc, 'nope'))).toBe('NOT_FOUND');
    expect(code(() => addComment(doc, 'k1', { authorId: 'u', at: '2026-01-01', text: ' ' }))).toBe('INVALID');
    expect(updates).toBe(0);
    expect(new BoardOpError('INVALID')).toBeInstanceOf(Error);
  });
});

describe('board operations: ties and orphans', () => {
  it('places keys between tied or invalid neighbours without throwing', () => {
    const tied = [{ id: 'x', order: 'a0' }, { id: 'y', order: 'a0' }, { id: 'z', order: 'a1' }];
    for (const i of [0, 1, 2, 3]) {
      const k = keyAt(tied, i);
      if (i === 0) expect(k < 'a0').toBe(true);
      if (i === 1 || i === 2) expect(k > 'a0' && k < 'a1').toBe(true); // after the tie, before the next greater key
      if (i === 3) expect(k > 'a1').toBe(true);
    }
    expect(keyAt([{ id: 'x', order: 'a0' }, { id: 'y', order: 'a0' }], 1) > 'a0').toBe(true);
    const junk = [{ id: 'x', order: '' }, { id: 'y', order: 'not a key!' }, { id: 'z', order: 'a10' }];
    for (const i of [0, 1, 2, 3]) expect(typeof keyAt(junk, i)).toBe('string');
  });

  it('concurrent inserts at the same place tie; later inserts and moves between them do not throw', () => {
    const a = board();
    const b = replica(a);
    addCard(a, { id: 'p', columnId: 'c', title: 'P' });
    addCard(b, { id: 'q', columnId: 'c', title: 'Q' });
    sync(a, b);
    const [p, q] = readBoard(a).columns[2].cards;
    expect([p.id, q.id, p.order === q.order]).toEqual(['p', 'q', true]);
    addCard(a, { id: 'r', columnId: 'c', title: 'R', index: 1 });
    moveCard(a, 'k1', 'c', 1);
    moveCard(a, 'k2', 'c', 0);
    moveCard(a, 'k3', 'c', 99);
    expect(ids(a, 2)[0]).toBe('k2');
    expect(ids(a, 2).at(-1)).toBe('k3');
    expect(strictlyOrdered(a)).toBe(true);
    moveColumn(a, 'c', 0);
    moveColumn(b, 'b', 0);
    sync(a, b);
    expect(() => addColumn(a, { title: 'между', index: 1 })).not.toThrow();
    expect(readBoard(a).columns).toHaveLength(4);
  });

  it('a card added to a column removed concurrently shows in the first column, flagged, and counts there', () => {
    const a = board();
    const b = replica(a);
    removeColumn(a, 'b');
    addCard(b, { id: 'n', columnId: 'b', title: 'Новая' });
    moveCard(b, 'k1', 'b', 0);
    sync(a, b);
    expect(readBoard(b)).toEqual(readBoard(a));
    const first = readBoard(a).columns[0];
    expect(first.cards.map((k) => k.id).sort()).toEqual(['k1', 'k2', 'k3', 'n']);
    expect(first.cards.filter((k) => k.orphan).map((k) => k.id).sort()).toEqual(['k1', 'n']);
    expect(first.cards.every((k) => k.columnId === 'a')).toBe(true);
    // Indices count the orphans, as the board shows them.
    moveCard(a, 'k2', 'a', 4);
    expect(ids(a, 0).at(-1)).toBe('k2');
    addCard(a, { id: 'm', columnId: 'a', title: 'Ещё', index: 0 });
    expect(ids(a, 0)[0]).toBe('m');
    // Removing the first column re-homes its orphans too, after the next column's cards.
    addCard(a, { id: 'c1', columnId: 'c', title: 'В наставниках' });
    const shownInA = ids(a, 0);
    removeColumn(a, 'a');
    const only = readBoard(a).columns[0];
    expect(only.cards.map((k) => k.id)).toEqual(['c1', ...shownInA]);
    expect(only.cards.map((k) => k.id).sort()).toEqual(['c1', 'k1', 'k2', 'k3', 'm', 'n']);
    expect(only.cards.some((k) => k.orphan)).toBe(false);
    expect(strictlyOrdered(a)).toBe(true);
  });

  it('concurrent removals of every column keep all the cards (tombstones come back)', () => {
    const a = board();
    const b = replica(a);
    removeColumn(a, 'a');
    removeColumn(a, 'b');
    removeColumn(b, 'c');
    sync(a, b);
    const view = readBoard(a);
    expect(view.columns.flatMap((c) => c.cards.map((k) => k.id)).sort()).toEqual(['k1', 'k2', 'k3']);
    expect(view).toEqual(readBoard(b));
    const fresh = addColumn(a, { title: 'Новый этап' });
    expect(readBoard(a).columns.map((c) => c.id)).toEqual([fresh]);
    expect(readBoard(a).columns[0].cards.map((k) => k.orphan)).toEqual([true, true, true]);
  });
});
