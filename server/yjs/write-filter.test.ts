import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc } from '../../lib/board/doc';
import { addCard, addColumn, addComment, moveCard, removeCard, removeColumn, renameColumn, setCardText, updateCard } from '../../lib/board/ops';
import { applyPairCardOp } from '../../lib/board/pair-cards';
import { MEETING_STAGES } from '../../lib/board/templates';
import type { EditScope } from '../../lib/permissions';
import { PairsFilter, pairsWriteFilter } from './write-filter';

const ME = 'mentor-1';
// Ownership comes from the database: the cards hold only {pairId}; the map says whose they are.
const OWNERS = new Map([
  ['mine', new Set([ME])],
  ['theirs', new Set(['mentor-2'])],
]);

function pairsBoard(scope: EditScope = 'own-pairs', owners: ReadonlyMap<string, ReadonlySet<string>> = OWNERS) {
  const server = buildBoardDoc({ title: 'Пары', kind: 'pairs', period: null, columns: MEETING_STAGES.map((m) => ({ id: m.id, title: m.title, cards: [] })) });
  applyPairCardOp(server, { op: 'add', pairId: 'mine', title: 'Пара № 1', stage: 'intro' });
  applyPairCardOp(server, { op: 'add', pairId: 'theirs', title: 'Пара № 2', stage: 'intro' });
  applyPairCardOp(server, { op: 'add', pairId: 'third', title: 'Пара № 3', stage: 'intro' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const verdict = (change: (d: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client);
    change(client);
    const update = Y.encodeStateAsUpdate(client, sv);
    const result = pairsWriteFilter(server, update, { userId: ME, scope, owners });
    if (result.ok && apply) Y.applyUpdate(server, update); // the next change builds on an accepted one
    return result;
  };
  let apply = true;
  const dryRun = () => (apply = false);
  return { server, verdict, dryRun };
}

const comment = { authorId: ME, at: '2026-11-23T10:00:00.000Z', text: 'Встретились' };
const cardMap = (d: Y.Doc, id: string) => d.getMap<Y.Map<unknown>>('cards').get(id)!;

describe('the write filter of a pairs board', () => {
  it("lets a mentor reorder its own pair within the column, comment on it and write its description; the board is untouched", () => {
    const { verdict, server, dryRun } = pairsBoard();
    dryRun();
    const before = Y.encodeStateAsUpdate(server);
    expect(verdict((d) => moveCard(d, 'mine', 'intro', 2))).toEqual({ ok: true });
    expect(Y.encodeStateAsUpdate(server)).toEqual(before); // checked on a copy
    const again = pairsBoard();
    expect(again.verdict((d) => void addComment(d, 'mine', comment))).toEqual({ ok: true });
    expect(again.verdict((d) => setCardText(d, 'mine', 'description', 'Заметки'))).toEqual({ ok: true });
    expect(again.verdict((d) => moveCard(d, 'mine', 'intro', 0))).toEqual({ ok: true });
  });

  // For every scope: the server alone creates, deletes and moves pair cards, and names them.
  const serverOnly: [string, (d: Y.Doc) => void][] = [
    ['a new card', (d) => void addCard(d, { columnId: 'intro', title: 'Новая пара', fields: { pairId: 'x' } })],
    ['a deletion', (d) => removeCard(d, 'mine')],
    ['a move to another stage', (d) => moveCard(d, 'mine', 'trial', 0)],
    ['a move to the last stage', (d) => moveCard(d, 'mine', 'done', 0)],
    ['the pair id changed', (d) => updateCard(d, 'mine', { pairId: 'theirs' })],
    ['the pair id removed', (d) => cardMap(d, 'mine').delete('pairId')],
    ['the title', (d) => setCardText(d, 'mine', 'title', 'Пара № 99')],
    ['the title replaced by an equal text', (d) => cardMap(d, 'mine').set('title', new Y.Text('Пара № 1'))],
    ['the column id removed', (d) => cardMap(d, 'mine').delete('columnId')],
    ['a card replaced by an equal map', (d) => {
      const m = new Y.Map<unknown>();
      d.transact(() => {
        d.getMap('cards').set('mine', m);
        m.set('columnId', 'intro');
        m.set('order', String(cardMap(d, 'theirs').get('order')));
        m.set('title', new Y.Text('Пара № 1'));
        m.set('description', new Y.Text(''));
        m.set('comments', new Y.Array());
        m.set('pairId', 'mine');
      });
    }],
    ['a column removed, re-homing its cards', (d) => removeColumn(d, 'intro')],
  ];
  it.each(['all', 'own-pairs'] as EditScope[])('refuses, for scope %s, whatever only the server writes', (scope) => {
    for (const [what, change] of serverOnly) expect(pairsBoard(scope).verdict(change), what).toMatchObject({ ok: false });
  });

  it('lets a curator reorder, comment and describe any pair card, and rename a column', () => {
    const { verdict } = pairsBoard('all');
    expect(verdict((d) => moveCard(d, 'theirs', 'intro', 0))).toEqual({ ok: true });
    expect(verdict((d) => void addComment(d, 'third', comment))).toEqual({ ok: true });
    expect(verdict((d) => setCardText(d, 'theirs', 'description', 'Заметки куратора'))).toEqual({ ok: true });
    expect(verdict((d) => renameColumn(d, 'intro', 'Знакомство'))).toEqual({ ok: true });
  });

  it('refuses a mentor anything outside the cards, naming what was touched', () => {
    const outside: [string, (d: Y.Doc) => void][] = [
      ['anything', (d) => d.getMap('anything').set('x', 1)],
      ['columns', (d) => d.getMap<Y.Map<unknown>>('columns').get('intro')!.set('colour', 'red')],
      ['columns', (d) => void addColumn(d, { title: 'Своя колонка' })],
      ['meta', (d) => d.getMap('meta').set('title', 'Моя доска')],
    ];
    for (const [root, change] of outside) expect(pairsBoard().verdict(change)).toEqual({ ok: false, reason: `changes outside the pairs: ${root}` });
  });

  // Every kind of change a mentor may make on its own pair is refused on another pair's card,
  // including a card with no owner in the database at all.
  const kinds: [string, (d: Y.Doc, card: string) => void][] = [
    ['a reorder', (d, card) => moveCard(d, card, 'intro', 3)],
    ['the description', (d, card) => setCardText(d, card, 'description', 'Описание')],
    ['a comment', (d, card) => void addComment(d, card, comment)],
    ['the comments replaced by an equal list', (d, card) => cardMap(d, card).set('comments', new Y.Array())],
  ];
  it.each(kinds)("refuses %s on another pair's card and allows it on the mentor's own", (_what, change) => {
    expect(pairsBoard().verdict((d) => change(d, 'theirs'))).toMatchObject({ ok: false, reason: expect.stringContaining('theirs') });
    expect(pairsBoard().verdict((d) => change(d, 'third'))).toMatchObject({ ok: false, reason: expect.stringContaining('third') });
    expect(pairsBoard().verdict((d) => change(d, 'mine'))).toEqual({ ok: true });
  });

  it('decides ownership from the map alone: a forged mentorId on a card changes nothing', () => {
    const { server, verdict } = pairsBoard();
    // Even should a card carry a mentorId naming the mentor (an old board, a forged state), the
    // database says the pair is mentor-2's.
    cardMap(server, 'theirs').set('mentorId', ME);
    expect(verdict((d) => void addComment(d, 'theirs', comment))).toMatchObject({ ok: false });
    // And the same mentor, once the database names it the pair's mentor, may.
    const named = pairsBoard('own-pairs', new Map([...OWNERS, ['theirs', new Set([ME, 'mentor-2'])]]));
    expect(named.verdict((d) => void addComment(d, 'theirs', comment))).toEqual({ ok: true });
  });

  it('refuses own and another pair in one update as a whole', () => {
    const { verdict } = pairsBoard();
    expect(verdict((d) => d.transact(() => (addComment(d, 'mine', comment), addComment(d, 'theirs', comment))))).toMatchObject({ ok: false });
  });
});

describe('the kept shadow of the pairs filter', () => {
  // Whatever happens to the board between checks (accepted and refused client updates, server
  // writes, an accepted update the caller then refuses), a check with the kept shadow gives the
  // verdict a check on a fresh copy of the board gives.
  type Step =
    | { kind: 'client'; scope: EditScope; edit: number; card: number; drop: boolean }
    | { kind: 'server'; op: 'add' | 'move'; card: number; stage: number };
  const CARDS = ['mine', 'theirs', 'third', 'fourth'];
  const edits: ((d: Y.Doc, card: string) => void)[] = [
    (d, card) => void addComment(d, card, comment),
    (d, card) => setCardText(d, card, 'description', `Заметки ${Math.random()}`),
    (d, card) => moveCard(d, card, String(cardMap(d, card).get('columnId')), 0),
    (d, card) => moveCard(d, card, 'final', 0),
    (d, card) => setCardText(d, card, 'title', 'Переименовано'),
    (d, card) => removeCard(d, card),
    (d) => renameColumn(d, 'intro', `Знакомство ${Math.random()}`),
  ];
  const step = fc.oneof(
    fc.record({ kind: fc.constant('client' as const), scope: fc.constantFrom<EditScope>('all', 'own-pairs'), edit: fc.nat(edits.length - 1), card: fc.nat(CARDS.length - 1), drop: fc.boolean() }),
    fc.record({ kind: fc.constant('server' as const), op: fc.constantFrom('add' as const, 'move' as const), card: fc.nat(CARDS.length - 1), stage: fc.nat(MEETING_STAGES.length - 1) }),
  );

  it('gives the verdicts of a fresh copy', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps: Step[]) => {
        const { server } = pairsBoard();
        const filter = new PairsFilter(server);
        try {
          for (const s of steps) {
            if (s.kind === 'server') {
              applyPairCardOp(server, s.op === 'add'
                ? { op: 'add', pairId: CARDS[s.card], title: 'Пара', stage: MEETING_STAGES[s.stage].id }
                : { op: 'move', pairId: CARDS[s.card], stage: MEETING_STAGES[s.stage].id });
              continue;
            }
            const client = new Y.Doc();
            Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
            const sv = Y.encodeStateVector(client);
            if (!client.getMap<Y.Map<unknown>>('cards').has(CARDS[s.card])) continue;
            edits[s.edit](client, CARDS[s.card]);
            const update = Y.encodeStateAsUpdate(client, sv);
            const w = { userId: ME, scope: s.scope, owners: OWNERS };
            const fresh = pairsWriteFilter(server, update, w);
            expect(filter.check(update, w)).toEqual(fresh);
            if (fresh.ok && s.drop) filter.invalidate(); // e.g. refused by the size cap after the filter
            else if (fresh.ok) Y.applyUpdate(server, update);
          }
        } finally {
          filter.destroy();
        }
      }),
      { numRuns: 150 },
    );
  });
});
