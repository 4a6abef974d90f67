import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyExecution, dueOf, verdictOf } from './roadmap';
import { roundOf } from './rounds';
import type { RoadmapActivity } from './types';

const dec = roundOf('2024-12');
const act = (over: Partial<RoadmapActivity>): RoadmapActivity => ({ boardId: 'b', cardId: 'c', title: 'Мероприятие', due: '2024-10-31', status: 'todo', doneAt: null, ...over });

describe('dueOf', () => {
  it('takes the end, else the start; none for ongoing or as-needed work', () => {
    expect(dueOf({ text: 'до 31 октября 2024', start: null, end: '2024-10-31', recurrence: 'once' })).toBe('2024-10-31');
    expect(dueOf({ text: 'с 1 сентября 2024', start: '2024-09-01', end: null, recurrence: 'once' })).toBe('2024-09-01');
    expect(dueOf({ text: 'ежегодно, декабрь', start: '2022-12-01', end: '2024-12-31', recurrence: 'yearly' })).toBe('2024-12-31');
    expect(dueOf({ text: 'в течение года', start: '2024-01-01', end: '2024-12-31', recurrence: 'ongoing' })).toBeNull();
    expect(dueOf({ text: 'по мере необходимости', start: null, end: null, recurrence: 'as-needed' })).toBeNull();
    expect(dueOf({ text: '?', start: null, end: null, recurrence: 'once' })).toBeNull();
    expect(dueOf(undefined)).toBeNull();
  });

  it('reads the dates from the words of a deadline typed by hand (only its text is stored)', () => {
    expect(dueOf({ text: 'до 10.10.2026' })).toBe('2026-10-10');
    expect(dueOf({ text: 'Октябрь 2026 г.' })).toBe('2026-10-31');
    expect(dueOf({ text: 'постоянно' })).toBeNull();
    expect(dueOf({ text: '  ' })).toBeNull();
  });
});

describe('classifyExecution', () => {
  it('gives each verdict', () => {
    const items = [
      act({ cardId: 'on', status: 'done', doneAt: '2024-10-31T20:00:00.000Z' }), // 23:00 Moscow on the due day
      act({ cardId: 'late', status: 'done', doneAt: '2024-10-31T21:00:00.000Z' }), // 00:00 Moscow on 1 November
      act({ cardId: 'overdue', status: 'in_progress' }),
      act({ cardId: 'due-last-day', due: '2024-12-31' }),
      act({ cardId: 'done-after-end', status: 'done', doneAt: '2025-01-10T10:00:00.000Z' }),
      act({ cardId: 'unknown-moment', status: 'done', doneAt: null }),
      act({ cardId: 'later', due: '2025-03-01', status: 'done', doneAt: '2024-11-01T10:00:00.000Z' }),
      act({ cardId: 'no-due', due: null }),
      act({ cardId: 'cancelled', status: 'cancelled' }),
    ];
    const r = classifyExecution(items, dec);
    expect(Object.fromEntries(r.items.map((i) => [i.cardId, i.verdict]))).toEqual({
      on: 'on_time',
      late: 'late',
      overdue: 'overdue',
      'due-last-day': 'overdue',
      'done-after-end': 'overdue',
      'unknown-moment': 'on_time',
      later: 'not_due',
      'no-due': 'not_due',
      cancelled: 'cancelled',
    });
    expect({ due: r.due, onTime: r.onTime, late: r.late, overdue: r.overdue, notDue: r.notDue }).toEqual({ due: 6, onTime: 2, late: 1, overdue: 3, notDue: 2 });
  });

  it('partitions the activities: every one gets exactly one verdict and the counts add up', () => {
    const date = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const activity = fc.record({
      boardId: fc.constant('b'),
      cardId: fc.uuid(),
      title: fc.string(),
      due: fc.option(date),
      status: fc.constantFrom('todo' as const, 'in_progress' as const, 'done' as const, 'cancelled' as const),
      doneAt: fc.option(fc.integer({ min: 0, max: 800 * 24 }).map((h) => new Date(Date.UTC(2024, 0, 1) + h * 3_600_000).toISOString())),
    });
    fc.assert(
      fc.property(fc.array(activity, { maxLength: 40 }), fc.constantFrom('2024-06', '2024-12', '2025-06'), (acts, key) => {
        const round = roundOf(key);
        const r = classifyExecution(acts, round);
        expect(r.items).toHaveLength(acts.length);
        const cancelled = r.items.filter((i) => i.verdict === 'cancelled').length;
        expect(r.onTime + r.late + r.overdue + r.notDue + cancelled).toBe(acts.length);
        expect(r.due).toBe(r.onTime + r.late + r.overdue);
        expect(cancelled).toBe(acts.filter((a) => a.status === 'cancelled').length);
        for (const i of r.items) {
          expect(i.verdict).toBe(verdictOf(i, round));
          if (i.verdict !== 'cancelled' && i.verdict !== 'not_due') expect(i.due! <= round.to).toBe(true);
        }
      }),
    );
  });
});
