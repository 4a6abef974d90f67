import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc } from '../board/doc';
import { addCard, addColumn, addComment, moveCard, moveColumn, removeCard, removeColumn, renameColumn, setCardText, updateCard } from '../board/ops';
import { BoardProjector, type CardPlain, type SemanticEvent } from './projector';

const base = () =>
  buildBoardDoc({
    title: 'Доска',
    kind: 'roadmap',
    period: null,
    columns: [
      { id: 'a', title: 'Подготовка', cards: [{ id: 'k1', title: 'Приказ', fields: { status: 'todo' } }] },
      { id: 'b', title: 'Наставляемые', cards: [] },
      { id: 'c', title: 'Итоги', cards: [] },
    ],
  });

const replica = (of: Y.Doc, clientID?: number) => {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of));
  return doc;
};

/** A server doc with a projector, and a client replica whose changes reach it as one update each. */
function pair() {
  const server = base();
  const client = replica(server);
  const projector = new BoardProjector(server);
  const send = (change: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client);
    change(client);
    return projector.apply(Y.encodeStateAsUpdate(client, sv));
  };
  const card = (id: string) => client.getMap<Y.Map<unknown>>('cards').get(id)!;
  return { server, client, projector, send, card };
}

const orderOf = (doc: Y.Doc, id: string) => String(doc.getMap<Y.Map<unknown>>('cards').get(id)!.get('order'));

describe('audit projector: what it starts from and what it hands out', () => {
  // From the mutation run (npm run mutate): each of these survived before.
  it("a meta field already in the document is the 'before' of its first change", () => {
    const { send } = pair();
    expect(send((d) => d.getMap('meta').set('title', 'Новое название'))).toEqual([
      { type: 'board.updated', entityType: 'board', entityId: null, field: 'title', before: 'Доска', after: 'Новое название' },
    ]);
  });

  it("an event's values are copies: a consumer changing them does not change the next event", () => {
    const { send } = pair();
    const [first] = send((d) => updateCard(d, 'k1', { responsible: ['u1'] }));
    (first as { after: string[] }).after.push('подмена');
    expect(send((d) => updateCard(d, 'k1', { responsible: ['u1', 'u2'] }))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'responsible', before: ['u1'], after: ['u1', 'u2'] },
    ]);
  });
});

describe('audit projector: card events', () => {
  it('card.created carries the whole plain card', () => {
    const { send, card } = pair();
    const events = send((d) => addCard(d, { id: 'k2', columnId: 'b', title: 'Положение', description: 'черновик', fields: { status: 'todo', responsible: ['u1'] } }));
    const after = { columnId: 'b', order: card('k2').get('order'), title: 'Положение', description: 'черновик', comments: [], status: 'todo', responsible: ['u1'] };
    expect(events).toEqual([{ type: 'card.created', entityType: 'card', entityId: 'k2', before: null, after }]);
  });

  it('a move between columns and a move within a column are each one card.moved', () => {
    const { send, client } = pair();
    send((d) => addCard(d, { id: 'k2', columnId: 'a', title: 'Второе' }));
    const [o1, o2] = [orderOf(client, 'k1'), orderOf(client, 'k2')];
    const within = send((d) => moveCard(d, 'k2', 'a', 0));
    expect(within).toEqual([
      { type: 'card.moved', entityType: 'card', entityId: 'k2', before: { columnId: 'a', order: o2 }, after: { columnId: 'a', order: orderOf(client, 'k2') } },
    ]);
    expect(orderOf(client, 'k2') < o1).toBe(true);
    const across = send((d) => moveCard(d, 'k1', 'c', 0));
    expect(across).toEqual([
      { type: 'card.moved', entityType: 'card', entityId: 'k1', before: { columnId: 'a', order: o1 }, after: { columnId: 'c', order: orderOf(client, 'k1') } },
    ]);
  });

  it('card.updated for plain fields: set, changed, removed (null), nested values compared by value', () => {
    const { send, card } = pair();
    expect(send((d) => updateCard(d, 'k1', { status: 'done' }))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'status', before: 'todo', after: 'done' },
    ]);
    const checklist = [{ id: 'c1', text: 'Подписать', done: false }];
    expect(send((d) => updateCard(d, 'k1', { checklist, deadline: { text: 'до 1 сентября' } })).map((e) => (e.type === 'card.updated' ? e.field : e.type))).toEqual([
      'checklist.item_added',
      'deadline',
    ]);
    // The same value written again (a new object, other key order) is no change.
    expect(send((d) => updateCard(d, 'k1', { deadline: { text: 'до 1 сентября' }, checklist: [{ done: false, text: 'Подписать', id: 'c1' }] }))).toEqual([]);
    expect(send(() => card('k1').delete('deadline'))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'deadline', before: { text: 'до 1 сентября' }, after: null },
    ]);
  });

  it('text edits give card.updated with the whole text, one event per field, sorted by field', () => {
    const { send, card } = pair();
    expect(send((d) => setCardText(d, 'k1', 'title', 'Приказ о наставничестве'))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'title', before: 'Приказ', after: 'Приказ о наставничестве' },
    ]);
    const events = send((d) =>
      d.transact(() => {
        (card('k1').get('title') as Y.Text).delete(0, 7);
        (card('k1').get('description') as Y.Text).insert(0, 'Издать');
        (card('k1').get('description') as Y.Text).insert(6, ' приказ');
      }),
    );
    expect(events).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'description', before: '', after: 'Издать приказ' },
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'title', before: 'Приказ о наставничестве', after: 'о наставничестве' },
    ]);
  });

  it('a move with a field change gives card.moved, then card.updated', () => {
    const { send } = pair();
    const events = send((d) => d.transact(() => (moveCard(d, 'k1', 'b', 0), updateCard(d, 'k1', { status: 'in_progress' }))));
    expect(events.map((e) => e.type)).toEqual(['card.moved', 'card.updated']);
  });

  it('a comment is its own event carrying only that comment, however long the others are', () => {
    const { send, card } = pair();
    const long = 'я'.repeat(100_000);
    const [first] = send((d) => addComment(d, 'k1', { authorId: 'u1', at: '2026-01-01T00:00:00.000Z', text: long }));
    expect(first).toMatchObject({ type: 'comment.added', entityType: 'card', entityId: 'k1', before: null, after: { authorId: 'u1', text: long } });
    for (let i = 0; i < 5; i++) {
      const events = send((d) => addComment(d, 'k1', { authorId: 'u2', at: '2026-01-02T00:00:00.000Z', text: `Ответ ${i}` }));
      expect(events).toEqual([
        { type: 'comment.added', entityType: 'card', entityId: 'k1', before: null, after: { id: expect.any(String), authorId: 'u2', at: '2026-01-02T00:00:00.000Z', text: `Ответ ${i}` } },
      ]);
      expect(JSON.stringify(events).length).toBeLessThan(500);
    }
    // Edited and removed in place (a peer may; the UI only appends).
    const list = () => card('k1').get('comments') as Y.Array<{ id: string; text: string }>;
    const second = list().get(1);
    expect(send(() => list().doc!.transact(() => (list().delete(1, 1), list().insert(1, [{ ...second, text: 'Исправлено' }]))))).toEqual([
      { type: 'comment.edited', entityType: 'card', entityId: 'k1', before: second, after: { ...second, text: 'Исправлено' } },
    ]);
    expect(send(() => list().delete(2, 1))).toEqual([{ type: 'comment.removed', entityType: 'card', entityId: 'k1', before: expect.objectContaining({ text: 'Ответ 1' }), after: null }]);
  });

  it('checklist items: added, ticked, unticked, edited, removed, each with just that item; a reordering is no change', () => {
    const { send } = pair();
    const a = { id: 'c1', text: 'Подписать', done: false };
    const b = { id: 'c2', text: 'Ознакомить', done: false };
    const ev = (type: string, before: unknown, after: unknown) => ({ type, entityType: 'card', entityId: 'k1', before, after });
    expect(send((d) => updateCard(d, 'k1', { checklist: [a, b] }))).toEqual([ev('checklist.item_added', null, a), ev('checklist.item_added', null, b)]);
    expect(send((d) => updateCard(d, 'k1', { checklist: [a, { ...b, done: true }] }))).toEqual([ev('checklist.item_checked', b, { ...b, done: true })]);
    expect(send((d) => updateCard(d, 'k1', { checklist: [a, b] }))).toEqual([ev('checklist.item_unchecked', { ...b, done: true }, b)]);
    expect(send((d) => updateCard(d, 'k1', { checklist: [{ ...a, text: 'Подписать приказ', done: true }, b] }))).toEqual([
      ev('checklist.item_edited', a, { ...a, text: 'Подписать приказ', done: true }),
    ]);
    expect(send((d) => updateCard(d, 'k1', { checklist: [b, { ...a, text: 'Подписать приказ', done: true }] }))).toEqual([]);
    const c = { id: 'c3', text: 'Отчитаться', done: false };
    expect(send((d) => updateCard(d, 'k1', { checklist: [c, b] }))).toEqual([
      ev('checklist.item_removed', { ...a, text: 'Подписать приказ', done: true }, null),
      ev('checklist.item_added', null, c),
    ]);
    expect(send((d) => updateCard(d, 'k1', { checklist: null }))).toEqual([ev('checklist.item_removed', c, null), ev('checklist.item_removed', b, null)]);
  });

  it('a list field a bad peer made something else, and items without ids, still give events', () => {
    const { send } = pair();
    expect(send((d) => updateCard(d, 'k1', { checklist: 'не список' }))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'checklist', before: null, after: 'не список' },
    ]);
    expect(send((d) => updateCard(d, 'k1', { checklist: ['x', 'x'] })).map((e) => e.type)).toEqual(['card.updated']);
    expect(send((d) => updateCard(d, 'k1', { checklist: ['x', 'y', { id: 'd' }, { id: 'd' }] })).map((e) => [e.type, e.after])).toEqual([
      ['checklist.item_edited', 'y'],
      ['checklist.item_added', { id: 'd' }],
      ['checklist.item_added', { id: 'd' }],
    ]);
  });

  it('card.deleted carries the card as it was', () => {
    const { send } = pair();
    expect(send((d) => removeCard(d, 'k1'))).toEqual([
      { type: 'card.deleted', entityType: 'card', entityId: 'k1', before: expect.objectContaining({ columnId: 'a', title: 'Приказ', status: 'todo' }), after: null },
    ]);
  });
});

describe('audit projector: columns, board, ordering', () => {
  it('column.created / renamed / moved / deleted, and a removal moves its cards', () => {
    const { send, client } = pair();
    const order = (id: string) => client.getMap<Y.Map<unknown>>('columns').get(id)!.get('order');
    expect(send((d) => addColumn(d, { id: 'n', title: 'Наставники' }))).toEqual([
      { type: 'column.created', entityType: 'column', entityId: 'n', before: null, after: { title: 'Наставники', order: order('n') } },
    ]);
    expect(send((d) => renameColumn(d, 'n', 'Отбор наставников'))).toEqual([
      { type: 'column.renamed', entityType: 'column', entityId: 'n', before: 'Наставники', after: 'Отбор наставников' },
    ]);
    const was = order('n');
    expect(send((d) => moveColumn(d, 'n', 0))).toEqual([{ type: 'column.moved', entityType: 'column', entityId: 'n', before: was, after: order('n') }]);
    // Removal is a tombstone (removed: true); the card goes to the neighbour, in the same update.
    expect(send((d) => removeColumn(d, 'a')).map((e) => `${e.type} ${e.entityId}`)).toEqual(['column.deleted a', 'card.moved k1']);
    expect(send((d) => d.getMap('columns').delete('c'))).toEqual([
      { type: 'column.deleted', entityType: 'column', entityId: 'c', before: { title: 'Итоги', order: expect.any(String) }, after: null },
    ]);
  });

  it('board.updated for meta fields; events sorted: columns, then cards by id and field, then board', () => {
    const { send, card } = pair();
    expect(send((d) => d.getMap('meta').set('period', { from: '2026-09-01', to: '2027-06-30' }))).toEqual([
      { type: 'board.updated', entityType: 'board', entityId: null, field: 'period', before: null, after: { from: '2026-09-01', to: '2027-06-30' } },
    ]);
    const events = send((d) =>
      d.transact(() => {
        d.getMap('meta').set('title', 'Дорожная карта');
        updateCard(d, 'k1', { status: 'done' });
        addCard(d, { id: 'k0', columnId: 'b', title: 'Новая' });
        (card('k1').get('description') as Y.Text).insert(0, 'x');
        renameColumn(d, 'c', 'Итог');
        moveColumn(d, 'c', 0);
        addColumn(d, { id: 'b2', title: 'Ещё' });
      }),
    );
    expect(events.map((e) => [e.type, e.entityId, 'field' in e ? e.field : ''].filter((x) => x).join(' '))).toEqual([
      'column.created b2',
      'column.moved c',
      'column.renamed c',
      'card.created k0',
      'card.updated k1 description',
      'card.updated k1 status',
      'board.updated title',
    ]);
  });

  it('a repeated update, an empty update, and a card created and deleted in one update yield []', () => {
    const { server, client, projector } = pair();
    const sv = Y.encodeStateVector(client);
    addCard(client, { id: 'k9', columnId: 'a', title: 'x' });
    const update = Y.encodeStateAsUpdate(client, sv);
    expect(projector.apply(update)).toHaveLength(1);
    expect(projector.apply(update)).toEqual([]);
    expect(projector.apply(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toEqual([]);
    const sv2 = Y.encodeStateVector(client);
    client.transact(() => (addCard(client, { id: 'k10', columnId: 'a', title: 'y' }), removeCard(client, 'k10')));
    expect(projector.apply(Y.encodeStateAsUpdate(client, sv2))).toEqual([]);
    expect(server.getMap('cards').has('k10')).toBe(false);
  });

  it('concurrent moves of one card: each application reports what it really changed', () => {
    // Concurrent writes of one map key: the higher clientID wins, whatever the arrival order.
    for (const loserFirst of [true, false]) {
      const server = base();
      const loser = replica(server, 1);
      const winner = replica(server, 2);
      const projector = new BoardProjector(server);
      const sv = Y.encodeStateVector(server);
      moveCard(loser, 'k1', 'b', 0);
      moveCard(winner, 'k1', 'c', 0);
      const [toB, toC] = [orderOf(loser, 'k1'), orderOf(winner, 'k1')];
      const from = { columnId: 'a', order: orderOf(server, 'k1') };
      const moved = (b: object, a: object) => [{ type: 'card.moved', entityType: 'card', entityId: 'k1', before: b, after: a }];
      if (loserFirst) {
        expect(projector.apply(Y.encodeStateAsUpdate(loser, sv))).toEqual(moved(from, { columnId: 'b', order: toB }));
        expect(projector.apply(Y.encodeStateAsUpdate(winner, sv))).toEqual(moved({ columnId: 'b', order: toB }, { columnId: 'c', order: toC }));
      } else {
        expect(projector.apply(Y.encodeStateAsUpdate(winner, sv))).toEqual(moved(from, { columnId: 'c', order: toC }));
        expect(projector.apply(Y.encodeStateAsUpdate(loser, sv))).toEqual([]); // it lost: nothing changed
      }
      expect(server.getMap<Y.Map<unknown>>('cards').get('k1')!.get('columnId')).toBe('c');
    }
  });
});

describe('audit projector: cost and robustness', () => {
  it('one edit on a 1,000-card board is one event, and only touched cards are diffed', () => {
    const cards = Array.from({ length: 1000 }, (_, i) => ({ id: `k${i}`, title: `Карточка ${i}` }));
    const server = buildBoardDoc({ title: 'Большая', kind: 'roadmap', period: null, columns: [{ id: 'a', title: 'A', cards }] });
    const client = replica(server);
    const projector = new BoardProjector(server);
    const sv = Y.encodeStateVector(client);
    setCardText(client, 'k500', 'title', 'Карточка 500!');
    expect(projector.apply(Y.encodeStateAsUpdate(client, sv))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k500', field: 'title', before: 'Карточка 500', after: 'Карточка 500!' },
    ]);
    // A change behind the projector's back is not seen by later captures of other cards:
    // had the whole board been diffed, k1's change would show up here.
    updateCard(server, 'k1', { status: 'done' });
    expect(projector.capture(() => updateCard(server, 'k2', { status: 'todo' })).map((e) => e.entityId)).toEqual(['k2']);
  });

  it('passes the origin on, rejects nested use, survives a throwing change, and hands out copies', () => {
    const server = base();
    const projector = new BoardProjector(server);
    const client = replica(server);
    const sv = Y.encodeStateVector(client);
    updateCard(client, 'k1', { checklist: [{ id: 'c1', text: 'a', done: false }] });
    const origins: unknown[] = [];
    server.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const [e] = projector.apply(Y.encodeStateAsUpdate(client, sv), 'conn-1');
    expect(origins).toEqual(['conn-1']);
    (e.after as { done: boolean }).done = true; // mutating an event must not touch the shadow
    expect(projector.capture(() => updateCard(server, 'k1', { checklist: [{ id: 'c1', text: 'a', done: true }] }))).toHaveLength(1);

    expect(() => server.transact(() => projector.capture(() => {}))).toThrow(/inside a transaction/);
    const failing = () => server.transact(() => (updateCard(server, 'k1', { status: 'done' }), JSON.parse('{')));
    expect(() => projector.capture(failing)).toThrow(SyntaxError);
    // The half-done change is in the doc and in the shadow: it is not reported again later.
    expect(projector.capture(() => updateCard(server, 'k1', { result: 'x' })).map((ev) => ev.type === 'card.updated' && ev.field)).toEqual(['result']);
    projector.destroy();
    expect(() => projector.capture(() => {})).toThrow(/destroy/);
  });

  it('property: a text edited in place (anywhere, by writers at once, with formats and split surrogate pairs) is reported as toString() has it', () => {
    // The projector takes such an edit into its shadow string from the transaction's items
    // (textAfter) instead of reading the text whole: each event must still carry the text's
    // string before and after, exactly.
    const op = fc.record({
      writer: fc.nat(2),
      at: fc.nat(),
      del: fc.nat(3),
      ins: fc.constantFrom('', 'a', 'бв', '😀', 'x😀y', 'четыре'),
      format: fc.nat(3),
      sync: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const server = base();
        const projector = new BoardProjector(server);
        const writers = [0, 1, 2].map((i) => replica(server, 100 + i));
        const text = (d: Y.Doc) => d.getMap<Y.Map<Y.Text>>('cards').get('k1')!.get('description')!;
        let shown = text(server).toString();
        for (const o of ops) {
          const w = writers[o.writer];
          const t = text(w);
          const at = o.at % (t.length + 1);
          w.transact(() => {
            if (o.del) t.delete(at, Math.min(o.del, t.length - at));
            if (o.ins) t.insert(at, o.ins, o.format === 1 ? { bold: true } : undefined);
            if (o.format === 2 && t.length > at) t.format(at, 2, { italic: true });
          });
          const events = projector.apply(Y.encodeStateAsUpdate(w, Y.encodeStateVector(server)));
          const now = text(server).toString();
          if (now !== shown) {
            expect(events).toEqual([{ type: 'card.updated', entityType: 'card', entityId: 'k1', field: 'description', before: shown, after: now }]);
          } else expect(events).toEqual([]);
          shown = now;
          if (o.sync) Y.applyUpdate(w, Y.encodeStateAsUpdate(server, Y.encodeStateVector(w)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: folding the events of random edits into the previous state gives the new state', () => {
    // Item lists compare as sets by id (a reordering is not an event); an empty list as none.
    const byId = (v: unknown) => (Array.isArray(v) && v.length ? [...(v as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : 1)) : undefined);
    type Op = { kind: number; card: number; col: number; n: number };
    const op = fc.record({ kind: fc.integer({ min: 0, max: 9 }), card: fc.integer({ min: 0, max: 4 }), col: fc.integer({ min: 0, max: 2 }), n: fc.nat(3) });
    const apply = (d: Y.Doc, o: Op) => {
      const cardId = `p${o.card}`;
      const colId = ['a', 'b', 'c'][o.col];
      const has = d.getMap('cards').has(cardId);
      try {
        if (o.kind === 0 && !has) addCard(d, { id: cardId, columnId: colId, title: `t${o.n}` });
        else if (o.kind === 1 && has) moveCard(d, cardId, colId, o.n);
        else if (o.kind === 2 && has) updateCard(d, cardId, { status: ['todo', 'done', null, 'todo'][o.n] });
        else if (o.kind === 3 && has) setCardText(d, cardId, o.n % 2 ? 'title' : 'description', `текст ${o.n}`);
        else if (o.kind === 4 && has) removeCard(d, cardId);
        else if (o.kind === 5) renameColumn(d, colId, `колонка ${o.n}`);
        else if (o.kind === 6) moveColumn(d, colId, o.n);
        else if (o.kind === 7) d.getMap('meta').set('title', `доска ${o.n}`);
        else if (o.kind === 8 && has) {
          const mask = (o.n * 3 + o.col) % 8;
          updateCard(d, cardId, { checklist: [0, 1, 2].filter((i) => (mask >> i) & 1).map((i) => ({ id: `c${i}`, text: `пункт ${(o.n + i) % 2}`, done: o.col === i })) });
        } else if (o.kind === 9 && has) addComment(d, cardId, { authorId: 'u1', at: '2026-01-01T00:00:00.000Z', text: `комментарий ${o.n}` });
      } catch {} // an op refused (e.g. an index out of range): skip it
    };
    const snapshot = (d: Y.Doc) => {
      const cards: Record<string, unknown> = {};
      d.getMap<Y.Map<unknown>>('cards').forEach((m, id) => {
        const c: Record<string, unknown> = {};
        m.forEach((v, k) => v !== null && (c[k] = v instanceof Y.AbstractType ? (v instanceof Y.Text ? v.toString() : v.toJSON()) : v));
        for (const list of ['comments', 'checklist']) c[list] = byId(c[list]);
        cards[id] = c;
      });
      const columns: Record<string, unknown> = {};
      d.getMap<Y.Map<unknown>>('columns').forEach((m, id) => (columns[id] = { title: m.get('title'), order: m.get('order') }));
      return { cards, columns, title: d.getMap('meta').get('title') };
    };
    const fold = (s: ReturnType<typeof snapshot>, events: SemanticEvent[]) => {
      for (const e of events) {
        const card = s.cards[e.entityId ?? ''] as CardPlain;
        const item = (e.after ?? e.before) as { id: string } | null;
        const list = e.type.startsWith('comment.') ? 'comments' : 'checklist';
        if (e.type.startsWith('comment.') || e.type.startsWith('checklist.')) {
          const rest = ((card[list] ?? []) as { id: string }[]).filter((i) => i.id !== item!.id);
          card[list] = byId(e.after === null ? rest : [...rest, e.after]);
        } else if (e.type === 'card.created') {
          s.cards[e.entityId] = Object.fromEntries(Object.entries(e.after).filter(([, v]) => v !== null));
          for (const l of ['comments', 'checklist']) (s.cards[e.entityId] as CardPlain)[l] = byId((s.cards[e.entityId] as CardPlain)[l]);
        }
        else if (e.type === 'card.deleted') delete s.cards[e.entityId];
        else if (e.type === 'card.moved') Object.assign(card, e.after);
        else if (e.type === 'card.updated') (e.after === null ? delete card[e.field] : (card[e.field] = e.after));
        else if (e.type === 'column.renamed') (s.columns[e.entityId] as { title: unknown }).title = e.after;
        else if (e.type === 'column.moved') (s.columns[e.entityId] as { order: unknown }).order = e.after;
        else if (e.type === 'board.updated') s.title = e.after;
        else throw new Error(`unexpected ${e.type}`);
      }
      return s;
    };
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 4 }), { minLength: 1, maxLength: 8 }), (batches) => {
        const server = base();
        const client = replica(server);
        const projector = new BoardProjector(server);
        for (const batch of batches) {
          const before = snapshot(server);
          const sv = Y.encodeStateVector(client);
          client.transact(() => batch.forEach((o) => apply(client, o)));
          const update = Y.encodeStateAsUpdate(client, sv);
          expect(fold(before, projector.apply(update))).toEqual(snapshot(server));
          expect(projector.apply(update)).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
