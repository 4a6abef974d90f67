import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc, byOrderThenId, readBoard } from './doc';
import { addCard, addColumn, BoardOpError, moveCard, moveColumn, removeCard, removeColumn, renameColumn, setCardText, updateCard } from './ops';

// Several replicas do random operations; their updates reach the others in random order,
// in random batches, some twice. After full sync all replicas must be identical, every card
// exactly once in exactly one existing column, and each column strictly ordered.

const CARD_IDS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
const COLUMN_IDS = ['c1', 'c2', 'c3', 'x1', 'x2'];

type Op =
  | { kind: 'addCard'; id: string; column: string; index: number }
  | { kind: 'moveCard'; id: string; column: string; index: number }
  | { kind: 'removeCard'; id: string }
  | { kind: 'editCard'; id: string; status: string }
  | { kind: 'typeText'; id: string; text: string }
  | { kind: 'addColumn'; id: string; index: number }
  | { kind: 'renameColumn'; id: string; title: string }
  | { kind: 'moveColumn'; id: string; index: number }
  | { kind: 'removeColumn'; id: string };

const card = fc.constantFrom(...CARD_IDS);
const column = fc.constantFrom(...COLUMN_IDS);
const index = fc.nat({ max: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('addCard' as const), id: card, column, index }),
  fc.record({ kind: fc.constant('moveCard' as const), id: card, column, index }),
  fc.record({ kind: fc.constant('moveCard' as const), id: card, column, index }),
  fc.record({ kind: fc.constant('removeCard' as const), id: card }),
  fc.record({ kind: fc.constant('editCard' as const), id: card, status: fc.constantFrom('todo', 'done') }),
  fc.record({ kind: fc.constant('typeText' as const), id: card, text: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('addColumn' as const), id: column, index }),
  fc.record({ kind: fc.constant('renameColumn' as const), id: column, title: fc.constantFrom('Этап', 'Stage') }),
  fc.record({ kind: fc.constant('moveColumn' as const), id: column, index }),
  fc.record({ kind: fc.constant('removeColumn' as const), id: column }),
);

function run(doc: Y.Doc, o: Op) {
  try {
    switch (o.kind) {
      case 'addCard':
        if (!doc.getMap('cards').has(o.id)) addCard(doc, { id: o.id, columnId: o.column, title: o.id, index: o.index });
        break;
      case 'moveCard':
        return moveCard(doc, o.id, o.column, o.index);
      case 'removeCard':
        return removeCard(doc, o.id);
      case 'editCard':
        return updateCard(doc, o.id, { status: o.status });
      case 'typeText': {
        const text = doc.getMap<Y.Map<Y.Text>>('cards').get(o.id)?.get('description')?.toString() ?? '';
        return setCardText(doc, o.id, 'description', text + o.text);
      }
      case 'addColumn':
        if (!doc.getMap('columns').has(o.id)) addColumn(doc, { id: o.id, title: o.id, index: o.index });
        break;
      case 'renameColumn':
        return renameColumn(doc, o.id, o.title);
      case 'moveColumn':
        return moveColumn(doc, o.id, o.index);
      case 'removeColumn':
        return removeColumn(doc, o.id);
    }
  } catch (err) {
    if (!(err instanceof BoardOpError)) throw err; // e.g. the card is already gone here
  }
}

const initial = Y.encodeStateAsUpdate(
  buildBoardDoc({
    title: 'Доска',
    kind: 'roadmap',
    period: null,
    columns: ['c1', 'c2', 'c3'].map((id) => ({ id, title: id, cards: id === 'c1' ? [{ id: 'k1', title: 'k1' }, { id: 'k2', title: 'k2' }] : [] })),
  }),
);

const scenario = fc.record({
  replicas: fc.integer({ min: 3, max: 5 }),
  // Rounds: each replica may act, then some of the pending updates are delivered.
  steps: fc.array(
    fc.record({ replica: fc.nat({ max: 4 }), ops: fc.array(op, { minLength: 1, maxLength: 3 }), deliver: fc.nat({ max: 6 }) }),
    { minLength: 1, maxLength: 25 },
  ),
  seed: fc.integer(),
});

type Scenario = { replicas: number; steps: { replica: number; ops: Op[]; deliver: number }[]; seed: number };

function simulate({ replicas, steps, seed }: Scenario) {
        const rng = mulberry(seed);
        const docs = Array.from({ length: replicas }, (_, i) => {
          const d = new Y.Doc();
          d.clientID = i + 1;
          Y.applyUpdate(d, initial);
          return d;
        });
        // Each replica's updates, waiting to be delivered to each other replica.
        const inbox: Uint8Array[][] = docs.map(() => []);
        docs.forEach((d, from) =>
          d.on('update', (u: Uint8Array, origin: unknown) => {
            if (origin === 'remote') return;
            docs.forEach((_, to) => to !== from && inbox[to].push(u));
          }),
        );
        const deliver = (to: number, n: number) => {
          // A random batch, in random order, merged; sometimes delivered twice.
          const picked: Uint8Array[] = [];
          for (let i = 0; i < n && inbox[to].length; i++) picked.push(inbox[to].splice(Math.floor(rng() * inbox[to].length), 1)[0]);
          if (!picked.length) return;
          const batch = Y.mergeUpdates(picked);
          Y.applyUpdate(docs[to], batch, 'remote');
          if (rng() < 0.2) Y.applyUpdate(docs[to], batch, 'remote');
        };
        for (const step of steps) {
          const r = step.replica % replicas;
          for (const o of step.ops) run(docs[r], o);
          deliver(Math.floor(rng() * replicas), step.deliver);
        }
        for (let to = 0; to < replicas; to++) deliver(to, Number.MAX_SAFE_INTEGER);

        const views = docs.map((d) => readBoard(d));
        for (const view of views.slice(1)) expect(view).toEqual(views[0]);
        const cardIds = [...docs[0].getMap('cards').keys()].sort();
        const shown = views[0].columns.flatMap((c) => c.cards.map((k) => k.id)).sort();
        expect(shown).toEqual(cardIds);
        const columnIds = new Set(docs[0].getMap('columns').keys());
        expect(views[0].columns.length).toBeGreaterThan(0);
        for (const col of views[0].columns) {
          expect(columnIds.has(col.id)).toBe(true);
          for (let i = 1; i < col.cards.length; i++) expect(byOrderThenId(col.cards[i - 1], col.cards[i])).toBe(-1);
        }
        for (let i = 1; i < views[0].columns.length; i++) expect(byOrderThenId(views[0].columns[i - 1], views[0].columns[i])).toBe(-1);
        docs.forEach((d) => d.destroy());
}

describe('convergence of concurrent board edits', () => {
  it('replicas converge: identical, every card once in an existing column, strictly ordered', () => {
    fc.assert(fc.property(scenario, simulate), { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 150) });
  });

  it('regression: every column removed concurrently on different replicas keeps the cards', () => {
    simulate({
      replicas: 3,
      steps: [
        { replica: 1, ops: [{ kind: 'removeColumn', id: 'c2' }], deliver: 0 },
        { replica: 0, ops: [{ kind: 'removeColumn', id: 'c3' }], deliver: 0 },
        { replica: 0, ops: [{ kind: 'removeColumn', id: 'c1' }], deliver: 0 },
      ],
      seed: 0,
    });
  });

  it('regression: a column moved on one replica while its sibling moves on another', () => {
    simulate({
      replicas: 3,
      steps: [
        { replica: 0, ops: [{ kind: 'moveColumn', id: 'c1', index: 0 }], deliver: 0 },
        { replica: 0, ops: [{ kind: 'addColumn', id: 'x2', index: 0 }, { kind: 'moveColumn', id: 'c1', index: 0 }], deliver: 2 },
        { replica: 1, ops: [{ kind: 'moveColumn', id: 'c2', index: 1 }], deliver: 0 },
        { replica: 0, ops: [{ kind: 'moveCard', id: 'k1', column: 'c1', index: 0 }], deliver: 0 },
      ],
      seed: 804648948,
    });
  });
});

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
