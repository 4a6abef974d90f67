import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc } from '../board/doc';
import { moveCard, setCardText } from '../board/ops';
import { AuditCoalescer } from './coalesce';
import { BoardProjector, type SemanticEvent } from './projector';

type E = { type: string; entityId: string | null; field?: string; before: unknown; after: unknown };
const typed = (card: string, before: string, after: string, field = 'title'): E => ({ type: 'card.updated', entityId: card, field, before, after });
const label = (e: E & { actorId: string | null }) => [e.actorId, e.type, e.entityId, e.field].filter((x) => x).join(' ');

function clocked(quietMs = 1000) {
  const clock = { now: 0 };
  const c = new AuditCoalescer<E>({ quietMs, now: () => clock.now });
  return { c, clock };
}

describe('audit typing coalescer', () => {
  it('typing bursts of two actors on the same card and field stay separate windows', () => {
    const { c, clock } = clocked();
    expect(c.push('ann', [typed('k1', '', 'П')])).toEqual([]);
    clock.now = 200;
    expect(c.push('ann', [typed('k1', 'П', 'Пр')])).toEqual([]);
    expect(c.push('bob', [typed('k1', 'Пр', 'Прик')])).toEqual([]);
    clock.now = 700;
    c.push('ann', [typed('k1', 'Прик', 'Приказ')]);
    expect(c.pending).toBe(2);
    clock.now = 1199;
    expect(c.due()).toEqual([]); // bob quiet for 999 ms: not yet
    clock.now = 1200;
    expect(c.due()).toEqual([{ ...typed('k1', 'Пр', 'Прик'), actorId: 'bob', at: new Date(200) }]);
    clock.now = 1700;
    expect(c.due()).toEqual([{ ...typed('k1', '', 'Приказ'), actorId: 'ann', at: new Date(700) }]);
    expect(c.pending).toBe(0);
    expect(c.due()).toEqual([]);
  });

  it('keys windows by actor, entity and field; a null actor is not the empty-string actor', () => {
    const { c } = clocked();
    c.push(null, [typed('k1', 'a', 'ab'), typed('k1', '', 'x', 'description'), typed('k2', 'c', 'cd')]);
    c.push('', [typed('k1', 'a', 'az')]);
    expect(c.pending).toBe(4);
    expect(c.drain().map(label)).toEqual(['card.updated k1 title', 'card.updated k1 description', 'card.updated k2 title', 'card.updated k1 title']);
  });

  it('each push restarts the quiet window; `at` is the time of the last edit', () => {
    const { c, clock } = clocked(500);
    for (let i = 0; i < 10; i++) {
      clock.now = i * 400; // keystrokes 400 ms apart: never quiet for 500 ms
      c.push('ann', [typed('k1', 'x'.repeat(i), 'x'.repeat(i + 1))]);
      expect(c.due()).toEqual([]);
    }
    clock.now = 3600 + 500;
    expect(c.due()).toEqual([{ ...typed('k1', '', 'xxxxxxxxxx'), actorId: 'ann', at: new Date(3600) }]);
  });

  it('a push after the window went quiet (due not polled) writes the old window and opens a new one', () => {
    const { c, clock } = clocked(1000);
    c.push('ann', [typed('k1', 'a', 'ab')]);
    clock.now = 5000;
    expect(c.push('ann', [typed('k1', 'ab', 'abc')])).toEqual([{ ...typed('k1', 'a', 'ab'), actorId: 'ann', at: new Date(0) }]);
    expect(c.drain()).toEqual([{ ...typed('k1', 'ab', 'abc'), actorId: 'ann', at: new Date(5000) }]);
  });

  it('passes other events straight through in order, writing the same actor’s pending typing on that entity first', () => {
    const { c, clock } = clocked();
    c.push('ann', [typed('k1', 'a', 'ab'), typed('k1', '', 'd', 'description'), typed('k2', 'x', 'xy')]);
    c.push('bob', [typed('k1', 'ab', 'abz')]);
    clock.now = 10;
    const out = c.push('ann', [
      { type: 'card.updated', entityId: 'k3', field: 'status', before: 'todo', after: 'done' },
      { type: 'card.moved', entityId: 'k1', before: { columnId: 'a' }, after: { columnId: 'b' } },
      typed('k1', 'ab', 'abc'),
      { type: 'card.deleted', entityId: 'k1', before: {}, after: null },
      { type: 'board.updated', entityId: null, field: 'title', before: 'x', after: 'y' },
    ]);
    expect(out.map(label)).toEqual([
      'ann card.updated k3 status',
      'ann card.updated k1 title',
      'ann card.updated k1 description',
      'ann card.moved k1',
      'ann card.updated k1 title',
      'ann card.deleted k1',
      'ann board.updated title',
    ]);
    expect(out[1]).toMatchObject({ before: 'a', after: 'ab', at: new Date(0) });
    expect(out[4]).toMatchObject({ before: 'ab', after: 'abc', at: new Date(10) });
    expect(out[3].at).toEqual(new Date(10));
    // bob's typing on k1 and ann's on k2 are still pending.
    expect(c.drain().map(label)).toEqual(['ann card.updated k2 title', 'bob card.updated k1 title']);
    expect(c.pending).toBe(0);
  });

  it('drops a window whose text ends where it began, in due() and drain() alike', () => {
    const { c, clock } = clocked(10);
    c.push('ann', [typed('k1', 'Приказ', 'Приказ!'), typed('k1', 'Приказ!', 'Приказ')]);
    c.push('bob', [typed('k2', '', 'x', 'description')]);
    c.push('bob', [typed('k2', 'x', '', 'description')]);
    clock.now = 10;
    expect(c.due()).toEqual([]);
    c.push('ann', [typed('k1', 'a', 'b'), typed('k1', 'b', 'a')]);
    expect(c.drain()).toEqual([]);
    expect(c.pending).toBe(0);
  });

  it('accepts a custom isCoalescable and rejects a bad quietMs', () => {
    const c = new AuditCoalescer<E>({ quietMs: 100, now: () => 0, isCoalescable: (e) => e.field === 'status' });
    expect(c.push('ann', [typed('k1', 'a', 'b'), { ...typed('k1', 'todo', 'done'), field: 'status' }]).map(label)).toEqual(['ann card.updated k1 title']);
    expect(c.pending).toBe(1);
    expect(() => new AuditCoalescer<E>({ quietMs: Number.NaN })).toThrow(RangeError);
  });

  it('end to end with the projector: keystrokes on a board become one audit row', () => {
    const server = buildBoardDoc({ title: 'Д', kind: 'roadmap', period: null, columns: [{ id: 'a', title: 'A', cards: [{ id: 'k1', title: 'При' }] }, { id: 'b', title: 'B', cards: [] }] });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const projector = new BoardProjector(server);
    let now = 0;
    const c = new AuditCoalescer<SemanticEvent>({ quietMs: 1000, now: () => now });
    const send = (change: () => void) => {
      const sv = Y.encodeStateVector(client);
      change();
      return c.push('ann', projector.apply(Y.encodeStateAsUpdate(client, sv)));
    };
    for (const text of ['Прик', 'Прика', 'Приказ']) {
      now += 100;
      expect(send(() => setCardText(client, 'k1', 'title', text))).toEqual([]);
    }
    const out = send(() => moveCard(client, 'k1', 'b', 0));
    expect(out.map((e) => e.type)).toEqual(['card.updated', 'card.moved']);
    expect(out[0]).toMatchObject({ field: 'title', before: 'При', after: 'Приказ', actorId: 'ann', at: new Date(300) });
  });
});
