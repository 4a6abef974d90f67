import { describe, expect, it } from 'vitest';
import { AuditCoalescer } from './coalesce';

type E = { type: string; entityId: string | null; field?: string; before: unknown; after: unknown };
const typed = (card: string, before: string, after: string, field = 'title'): E => ({ type: 'card.updated', entityId: card, field, before, after });

describe('audit typing coalescer', () => {
  it('keeps one window per actor, card and field, with the first before and the last after', () => {
    let now = 0;
    const c = new AuditCoalescer<E>({ quietMs: 1000, now: () => now });
    expect(c.push('ann', [typed('k1', '', 'П')])).toEqual([]);
    now = 200;
    c.push('ann', [typed('k1', 'П', 'Пр')]);
    c.push('bob', [typed('k1', 'Пр', 'Прик')]);
    now = 700;
    c.push('ann', [typed('k1', 'Прик', 'Приказ')]);
    expect(c.pending).toBe(2);
    now = 1300; // bob quiet for 1100 ms, ann for 600 ms
    expect(c.due()).toEqual([expect.objectContaining({ actorId: 'bob', before: 'Пр', after: 'Прик' })]);
    now = 1700;
    expect(c.due()).toEqual([expect.objectContaining({ actorId: 'ann', before: '', after: 'Приказ', at: new Date(700) })]);
    expect(c.pending).toBe(0);
  });

  it('passes other events straight through, writing pending typing on the same card first', () => {
    const c = new AuditCoalescer<E>({ quietMs: 1000, now: () => 0 });
    c.push('ann', [typed('k1', 'a', 'ab'), typed('k2', 'x', 'xy', 'description')]);
    const out = c.push('ann', [{ type: 'card.deleted', entityId: 'k1', before: {}, after: null }]);
    expect(out.map((e) => `${e.type} ${e.entityId}`)).toEqual(['card.updated k1', 'card.deleted k1']);
    expect(c.drain().map((e) => `${e.type} ${e.entityId} ${e.field}`)).toEqual(['card.updated k2 description']);
  });

  it('drops a window whose text ends where it began', () => {
    const c = new AuditCoalescer<E>({ quietMs: 10, now: () => 0 });
    c.push('ann', [typed('k1', 'Приказ', 'Приказ!'), typed('k1', 'Приказ!', 'Приказ')]);
    expect(c.drain()).toEqual([]);
  });
});
