import { describe, expect, it } from 'vitest';
import type { CardView } from './doc';
import { deadlineUrgency, matchesFilter, NO_FILTER, reuseUnchanged, textSplice, transformPosition } from './view-logic';

import { buildBoardDoc, readBoard } from './doc';
import { updateCard } from './ops';

const today = new Date('2026-11-23T10:00:00');
const card = (fields: Record<string, unknown>, title = 'Приказ'): CardView => ({ id: 'k', columnId: 'c', order: 'a0', title, description: '', fields });

describe('board view logic', () => {
  it('marks overdue and soon deadlines of unfinished activities', () => {
    expect(deadlineUrgency({ deadline: { end: '2026-11-20' } }, today)).toBe('overdue');
    expect(deadlineUrgency({ deadline: { end: '2026-11-23' } }, today)).toBe('soon');
    expect(deadlineUrgency({ deadline: { end: '2026-11-28' } }, today)).toBe('soon');
    expect(deadlineUrgency({ deadline: { end: '2026-12-20' } }, today)).toBeNull();
    expect(deadlineUrgency({ deadline: { end: '2026-11-20' }, status: 'done' }, today)).toBeNull();
    expect(deadlineUrgency({ deadline: { text: 'постоянно' } }, today)).toBeNull();
  });

  it('filters by responsible, status, overdue, text and "mine"', () => {
    const c = card({ responsible: ['Куратор программы', 'Рабочая группа'], status: 'in_progress', deadline: { text: 'до 20.11.2026', end: '2026-11-20' } });
    expect(matchesFilter(c, NO_FILTER, today)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, responsible: 'Рабочая группа' }, today)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, responsible: 'Директор ОО' }, today)).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, status: 'done' }, today)).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, overdue: true }, today)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: 'приказ' }, today)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: '20.11' }, today)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: 'анкета' }, today)).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, mine: ['куратор'] }, today)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, mine: ['Смирнова'] }, today)).toBe(false);
  });

  it("keeps a caret in place when someone else types before or after it", () => {
    // "Начало." caret at 3; someone inserts 5 chars at 0 → caret 8
    expect(transformPosition(3, [{ insert: 'Куда ' }])).toBe(8);
    expect(transformPosition(3, [{ retain: 5 }, { insert: 'xx' }])).toBe(3);
    expect(transformPosition(3, [{ retain: 3 }, { insert: 'xx' }])).toBe(3);
    expect(transformPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformPosition(2, [{ retain: 1 }, { delete: 4 }])).toBe(1);
  });

  it('finds the smallest splice between two texts', () => {
    expect(textSplice('Приказ', 'Приказ ОО')).toEqual({ index: 6, remove: 0, insert: ' ОО' });
    expect(textSplice('Положение', 'Полное')).toEqual({ index: 3, remove: 5, insert: 'но' });
    expect(textSplice('abc', 'abc')).toBeNull();
  });
});

describe('structural sharing of the read model', () => {
  it('keeps unchanged cards and columns as the same objects', () => {
    const doc = buildBoardDoc({ title: 'Д', kind: 'roadmap', period: null, columns: [{ id: 'a', title: 'A', cards: [{ id: 'k1', title: '1' }, { id: 'k2', title: '2' }] }, { id: 'b', title: 'B', cards: [{ id: 'k3', title: '3' }] }] });
    const first = readBoard(doc);
    expect(reuseUnchanged(first, readBoard(doc))).toBe(first);
    updateCard(doc, 'k2', { status: 'done' });
    const second = reuseUnchanged(first, readBoard(doc));
    expect(second).not.toBe(first);
    expect(second.columns[1]).toBe(first.columns[1]);
    expect(second.columns[0].cards[0]).toBe(first.columns[0].cards[0]);
    expect(second.columns[0].cards[1]).not.toBe(first.columns[0].cards[1]);
    expect(second.columns[0].cards[1].fields.status).toBe('done');

  });
});
