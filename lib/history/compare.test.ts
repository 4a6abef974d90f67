import { describe, expect, it } from 'vitest';
import { changedFields, compareBoards, type AsOfView } from './compare';

const board = (columns: AsOfView['columns']): AsOfView => ({ columns });

describe('compareBoards: the board then beside the board now', () => {
  const then = board([
    { id: 'c1', title: 'Подготовка условий', cards: [
      { id: 'a', title: 'Разработка положения', fields: { deadline: 'до 15.03.2024' } },
      { id: 'b', title: 'Приказ', fields: {} },
      { id: 'd', title: 'Встреча', fields: { responsible: ['Иванова'] } },
    ] },
    { id: 'c2', title: 'Формирование базы', cards: [{ id: 'e', title: 'Анкетирование', fields: {} }] },
  ]);
  const now = board([
    { id: 'c1', title: 'Подготовка условий', cards: [
      { id: 'a', title: 'Разработка положения', fields: { deadline: 'до 01.04.2024' } },
      { id: 'f', title: 'Новое мероприятие', fields: {} },
    ] },
    { id: 'c2', title: 'Формирование базы наставляемых', cards: [
      { id: 'b', title: 'Приказ о назначении', fields: {} },
      { id: 'e', title: 'Анкетирование', fields: {} },
    ] },
  ]);
  const cmp = compareBoards(then, now);

  it('names each card of the past board: the same, changed (which fields, whether its title, where it moved), or deleted since', () => {
    expect(cmp.then.get('a')).toEqual({ kind: 'changed', title: false, fields: ['deadline'] });
    expect(cmp.then.get('b')).toEqual({ kind: 'changed', title: true, fields: [], movedTo: 'Формирование базы наставляемых' });
    expect(cmp.then.get('d')).toEqual({ kind: 'deleted' });
    expect(cmp.then.get('e')).toEqual({ kind: 'same' });
  });

  it('lists the cards added since with their column now, and the columns renamed or gone', () => {
    expect(cmp.added.map((x) => [x.card.id, x.columnTitle])).toEqual([['f', 'Подготовка условий']]);
    expect([...cmp.columns]).toEqual([['c2', 'Формирование базы наставляемых']]);
    const gone = compareBoards(then, board([{ id: 'c2', title: 'Формирование базы', cards: [] }]));
    expect(gone.columns.get('c1')).toBeNull();
    expect(gone.then.get('a')).toEqual({ kind: 'deleted' });
  });

  it('takes an absent field for an empty one, and compares values by content', () => {
    expect(changedFields({ responsible: [] }, {})).toEqual([]);
    expect(changedFields({ status: '' }, { status: null })).toEqual([]);
    expect(changedFields({ deadline: { end: '2024-03-15', text: 'до 15.03' } }, { deadline: { text: 'до 15.03', end: '2024-03-15' } })).toEqual([]);
    expect(changedFields({ status: 'done' }, { status: 'todo', result: 'Положение' })).toEqual(['result', 'status']);
    // A checklist's items in another order are the same checklist; a ticked item is a change.
    const a = { id: 'a', text: 'Приказ', done: false };
    const b = { id: 'b', text: 'Положение', done: true };
    expect(changedFields({ checklist: [a, b] }, { checklist: [b, a] })).toEqual([]);
    expect(changedFields({ checklist: [a, b] }, { checklist: [b, { ...a, done: true }] })).toEqual(['checklist']);
  });
});
