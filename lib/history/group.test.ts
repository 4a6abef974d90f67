import { describe, expect, it } from 'vitest';
import { describeGroup } from './describe';
import { ANDROPOVA, ev, NAMES } from './describe.fixture';
import { GROUP_WINDOW_MS, groupEvents, groupTarget } from './group';
import type { HistoryEvent } from './sentence';

const at = (minutes: number) => new Date(Date.UTC(2024, 2, 15, 9, 0) + minutes * 60_000).toISOString();
const GROMOV = { id: 'u3', name: 'Громов Алексей Викторович' };

/** A card edit at `minutes` past 9:00 (ids grow with time, as in the trail). */
function edit(minutes: number, o: { card?: string; actor?: HistoryEvent['actor']; field?: string; before?: unknown; after?: unknown; id?: number } = {}): HistoryEvent {
  const card = o.card ?? 'k1';
  return {
    ...ev('card.updated', { entityId: card, field: o.field ?? 'status', before: o.before ?? 'todo', after: o.after ?? 'in_progress' }, { cardId: card, actor: o.actor ?? ANDROPOVA, at: at(minutes) }),
    id: o.id ?? 1000 + minutes,
  };
}
const newestFirst = (events: HistoryEvent[]) => [...events].sort((a, b) => b.id - a.id);
const ids = (groups: { events: HistoryEvent[] }[]) => groups.map((g) => g.events.map((e) => e.id));

describe('groupEvents', () => {
  it('groups consecutive edits by one person to one card within five minutes, newest first', () => {
    const events = newestFirst([edit(0), edit(2), edit(6), edit(20), edit(22)]);
    expect(ids(groupEvents(events))).toEqual([[1022, 1020], [1006, 1002, 1000]]);
  });

  it('chains by the gap between neighbours, not the distance from the first', () => {
    expect(ids(groupEvents(newestFirst([edit(0), edit(4), edit(8), edit(12)])))).toEqual([[1012, 1008, 1004, 1000]]);
    expect(ids(groupEvents(newestFirst([edit(0), edit(5)])))).toEqual([[1005, 1000]]);
    expect(ids(groupEvents(newestFirst([edit(0), edit(5.01)])))).toEqual([[1005.01], [1000]]);
    expect(ids(groupEvents(newestFirst([edit(0), edit(2)]), 60_000))).toEqual([[1002], [1000]]);
  });

  it('starts a new group for another person, another card, or anything in between', () => {
    const events = newestFirst([edit(0), edit(1, { actor: GROMOV }), edit(2), edit(3, { card: 'k2' }), edit(4, { card: 'k2' })]);
    expect(ids(groupEvents(events))).toEqual([[1004, 1003], [1002], [1001], [1000]]);
  });

  it('puts a pair’s moves and meetings with its card, and groups stages, people and board settings by what they change', () => {
    const meeting = { ...ev('meeting.recorded', { entityType: 'meeting', entityId: 'mt1', after: { pairId: 'p1' } }, { cardId: null, boardId: null }), at: at(0), id: 1 };
    const move = { ...ev('pair.stage_changed', { entityType: 'pair', entityId: 'p1', before: { stage: 'intro' }, after: { stage: 'trial' } }, { cardId: 'p1' }), at: at(0), id: 2 };
    expect(groupTarget(meeting)).toBe('card:p1');
    expect(groupTarget(move)).toBe('card:p1');
    expect(ids(groupEvents([move, meeting]))).toEqual([[2, 1]]);
    expect(groupTarget(ev('column.renamed', { entityType: 'column', entityId: 'c1' }, { cardId: null }))).toBe('column:c1');
    expect(groupTarget(ev('person.updated', { entityType: 'person', entityId: 'pe1' }, { cardId: null }))).toBe('person:pe1');
    expect(groupTarget(ev('board.updated', { entityType: 'board', entityId: null }, { cardId: null }))).toBe('board:b1');
    expect(groupTarget(ev('thing.done', { entityType: 'x', entityId: null }, { cardId: null, boardId: null }))).toBeNull();
  });

  it('never groups events that concern nothing, or whose time does not read', () => {
    const loose = (id: number) => ({ ...ev('thing.done', { entityType: 'x', entityId: null }, { cardId: null, boardId: null }), id, at: at(0) });
    expect(ids(groupEvents([loose(2), loose(1)]))).toEqual([[2], [1]]);
    expect(ids(groupEvents([{ ...edit(1), at: 'yesterday' }, edit(0)]))).toEqual([[1001], [1000]]);
  });

  it('keys a group by its oldest event, so newer events joining on top keep the key', () => {
    const before = groupEvents(newestFirst([edit(0), edit(1)]));
    const after = groupEvents(newestFirst([edit(0), edit(1), edit(2)]));
    expect(before[0].key).toBe('g1000');
    expect(after[0].key).toBe(before[0].key);
    expect(groupEvents([])).toEqual([]);
    expect(GROUP_WINDOW_MS).toBe(300_000);
  });
});

describe('describeGroup', () => {
  it('says a single event as describeEvent does', () => {
    const [group] = groupEvents([edit(0)]);
    expect(describeGroup(group, NAMES, 'ru')).toMatchObject({ text: 'Л. А. Андропова изменила статус «Разработка положения»: не начато → в работе', count: 1 });
  });

  it('sums up several edits of a card: what changed, how many, and the net change of each field', () => {
    const events = newestFirst([
      edit(0, { field: 'status', before: 'todo', after: 'in_progress' }),
      edit(1, { field: 'deadline', before: { end: '2024-03-15' }, after: { end: '2024-04-01' } }),
      edit(2, { field: 'status', before: 'in_progress', after: 'done' }),
      edit(3, { field: 'title', before: 'Разработка положения', after: 'Разработка и утверждение положения' }),
    ]);
    const [group] = groupEvents(events);
    const r = describeGroup(group, NAMES, 'ru');
    expect(r.text).toBe('Л. А. Андропова изменила «Разработка положения»: название, статус, срок (4 изменения)');
    expect(r.count).toBe(4);
    expect(r.changes).toEqual([
      { label: 'название', kind: 'text', diff: [{ op: 'same', text: 'Разработка ' }, { op: 'added', text: 'и утверждение ' }, { op: 'same', text: 'положения' }] },
      { label: 'статус', kind: 'value', before: 'не начато', after: 'выполнено' },
      { label: 'срок', kind: 'value', before: '15.03.2024', after: '01.04.2024' },
    ]);
    expect(r.link).toEqual({ boardId: 'b1', cardId: 'k1' });
    expect(describeGroup(group, NAMES, 'en').text).toBe('Л. А. Андропова changed “Разработка положения”: title, status, deadline (4 changes)');
  });

  it('counts in Russian and agrees the verb with the actor', () => {
    const many = groupEvents(newestFirst(Array.from({ length: 5 }, (_, i) => edit(i, { actor: GROMOV }))))[0];
    expect(describeGroup(many, NAMES, 'ru').text).toBe('А. В. Громов изменил «Разработка положения»: статус (5 изменений)');
    const two = groupEvents(newestFirst([edit(0, { actor: { id: 'u4', name: 'Ким Саша' } }), edit(1, { actor: { id: 'u4', name: 'Ким Саша' } })]))[0];
    expect(describeGroup(two, NAMES, 'ru').text).toBe('С. Ким изменил(а) «Разработка положения»: статус (2 изменения)');
    const none = groupEvents(newestFirst([edit(0, { card: 'k7' }), edit(1, { card: 'k7' })]))[0];
    expect(describeGroup(none, NAMES, 'ru').text).toBe('Л. А. Андропова изменила карточку: статус (2 изменения)');
  });

  it('names a stage or a person it sums up, a person only when the reader may see them', () => {
    const person = (id: number) => ({ ...ev('person.updated', { entityType: 'person', entityId: 'pe1', before: { category: 'other' }, after: { category: 'teacher' } }, { cardId: null, boardId: null }), id, at: at(id) });
    const [g] = groupEvents([person(2), person(1)]);
    expect(describeGroup(g, NAMES, 'ru').text).toBe('Л. А. Андропова изменила запись Петровой А. С. (2 изменения)');
    expect(describeGroup(g, { ...NAMES, people: {} }, 'ru').text).toBe('Л. А. Андропова изменила запись участника (2 изменения)');
    const column = (id: number) => ({ ...ev('column.renamed', { entityType: 'column', entityId: 'c1', before: 'a', after: 'b' }, { cardId: null }), id, at: at(id) });
    expect(describeGroup(groupEvents([column(2), column(1)])[0], NAMES, 'ru').text).toBe('Л. А. Андропова изменила этап «Подготовка условий» (2 изменения)');
  });
});
