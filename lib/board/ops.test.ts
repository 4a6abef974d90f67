import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc, readBoard } from './doc';
import { addCard, addColumn, BoardOpError, keyAt, moveCard, moveColumn, removeCard, removeColumn, renameColumn, setCardText, updateCard } from './ops';

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

describe('board operations', () => {
  it('columns are added at a position, renamed, moved and removed', () => {
    const doc = board();
    const id = addColumn(doc, { title: 'Пары', index: 1 });
    expect(readBoard(doc).columns.map((c) => c.title)).toEqual(['Подготовка', 'Пары', 'Наставляемые', 'Наставники']);
    renameColumn(doc, id, 'Наставнические пары');
    moveColumn(doc, id, 3);
    expect(readBoard(doc).columns.map((c) => c.title)).toEqual(['Подготовка', 'Наставляемые', 'Наставники', 'Наставнические пары']);
    moveColumn(doc, id, 0);
    expect(readBoard(doc).columns[0].title).toBe('Наставнические пары');
  });

  it("a removed column's cards move to the previous column (the next for the first); the last column stays", () => {
    const doc = board();
    removeColumn(doc, 'b');
    expect(titles(doc)).toEqual(['Подготовка: Приказ, Положение, Анкета', 'Наставники: ']);
    removeColumn(doc, 'a');
    expect(titles(doc)).toEqual(['Наставники: Приказ, Положение, Анкета']);
    expect(() => removeColumn(doc, 'c')).toThrow(expect.objectContaining({ code: 'LAST_COLUMN' }));
    expect(() => renameColumn(doc, 'a', 'x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('cards are added at a position, moved within and across columns, edited and removed', () => {
    const doc = board();
    const k4 = addCard(doc, { columnId: 'a', title: 'Программа', index: 1, fields: { status: 'todo', responsible: ['Куратор'] } });
    expect(titles(doc)[0]).toBe('Подготовка: Приказ, Программа, Положение');
    moveCard(doc, 'k1', 'a', 3);
    expect(titles(doc)[0]).toBe('Подготовка: Программа, Положение, Приказ');
    moveCard(doc, k4, 'c', 0);
    expect(titles(doc)[2]).toBe('Наставники: Программа');
    updateCard(doc, k4, { status: 'done' });
    expect(readBoard(doc).columns[2].cards[0].fields).toMatchObject({ status: 'done', responsible: ['Куратор'] });
    removeCard(doc, 'k3');
    expect(titles(doc)[1]).toBe('Наставляемые: ');
  });

  it('a move writes column and order in one transaction', () => {
    const doc = board();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    moveCard(doc, 'k1', 'b', 1);
    expect(updates).toHaveLength(1);
  });

  it('text is replaced with the smallest edit, so concurrent typing merges', () => {
    const a = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setCardText(a, 'k1', 'title', 'Приказ о наставничестве');
    setCardText(b, 'k1', 'title', 'Проект: Приказ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBoard(a).columns[0].cards[0].title).toBe('Проект: Приказ о наставничестве');
    expect(readBoard(b)).toEqual(readBoard(a));
  });

  it('refuses bad input with a BoardOpError', () => {
    const doc = board();
    expect(() => addCard(doc, { columnId: 'zzz', title: 'x' })).toThrow(BoardOpError);
    expect(() => addCard(doc, { columnId: 'a', title: '   ' })).toThrow(expect.objectContaining({ code: 'INVALID' }));
    expect(() => moveCard(doc, 'nope', 'a', 0)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => updateCard(doc, 'k1', { order: 'a0' })).toThrow(expect.objectContaining({ code: 'INVALID' }));
    expect(() => addColumn(doc, { id: 'a', title: 'again' })).toThrow(expect.objectContaining({ code: 'INVALID' }));
  });

  it('places keys between tied or invalid neighbours without throwing', () => {
    const tied = [{ id: 'x', order: 'a0' }, { id: 'y', order: 'a0' }, { id: 'z', order: 'a1' }];
    const k = keyAt(tied, 1);
    expect(k > 'a0' && k < 'a1').toBe(true);
    const junk = [{ id: 'x', order: '' }, { id: 'y', order: 'not a key!' }];
    expect(typeof keyAt(junk, 1)).toBe('string');
  });
});
