import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardProjector } from '../audit/projector';
import { buildBoardDoc, readBoard } from './doc';
import { addCard } from './ops';
import { applyPairCardOp, moveReasons, pairAuditEvents, pairCardTitle, reconcileOps } from './pair-cards';
import { MEETING_STAGES } from './templates';

function board() {
  return buildBoardDoc({ title: 'Пары', kind: 'pairs', period: null, columns: MEETING_STAGES.map((m) => ({ id: m.id, title: m.title, cards: [] })) });
}
const where = (doc: Y.Doc) => new Map(readBoard(doc).columns.flatMap((c) => c.cards.map((card, i) => [card.id, { column: c.id, index: i, card }] as const)));

describe('pair card ops', () => {
  it('adds a card with the pair id as id, only {pairId}, at the end of the stage column; a second add changes nothing', () => {
    const doc = board();
    expect(applyPairCardOp(doc, { op: 'add', pairId: 'p1', title: 'Пара № 1', stage: 'intro' })).toBe('added');
    expect(applyPairCardOp(doc, { op: 'add', pairId: 'p2', title: 'Пара № 2', stage: 'intro' })).toBe('added');
    const before = Y.encodeStateVector(doc);
    expect(applyPairCardOp(doc, { op: 'add', pairId: 'p1', title: 'Другое', stage: 'trial' })).toBe('unchanged');
    expect(Y.encodeStateVector(doc)).toEqual(before);
    const cards = where(doc);
    expect(cards.get('p1')).toMatchObject({ column: 'intro', index: 0, card: { title: 'Пара № 1', description: '', fields: { pairId: 'p1', comments: [] } } });
    expect(cards.get('p2')).toMatchObject({ column: 'intro', index: 1 });
  });

  it('moves a card to the end of the stage column; a move to its own column, of a missing card or to no column changes nothing', () => {
    const doc = board();
    applyPairCardOp(doc, { op: 'add', pairId: 'p1', title: 'Пара № 1', stage: 'intro' });
    applyPairCardOp(doc, { op: 'add', pairId: 'p2', title: 'Пара № 2', stage: 'trial' });
    expect(applyPairCardOp(doc, { op: 'move', pairId: 'p1', stage: 'trial' })).toBe('moved');
    expect(where(doc).get('p1')).toMatchObject({ column: 'trial', index: 1 });
    const sv = Y.encodeStateVector(doc);
    expect(applyPairCardOp(doc, { op: 'move', pairId: 'p1', stage: 'trial' })).toBe('unchanged');
    expect(applyPairCardOp(doc, { op: 'move', pairId: 'nope', stage: 'trial' })).toBe('no-card');
    expect(applyPairCardOp(doc, { op: 'move', pairId: 'p1', stage: 'nowhere' as 'done' })).toBe('no-column');
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });

  it('titles pairs and groups without names', () => {
    expect(pairCardTitle(3, 1)).toBe('Пара № 3');
    expect(pairCardTitle(4, 2)).toBe('Группа № 4');
  });

  it('reconciles: a pair without a card is added, a card in the wrong column is moved, skipped pairs and other cards are left', () => {
    const doc = board();
    applyPairCardOp(doc, { op: 'add', pairId: 'right', title: 'Пара № 1', stage: 'intro' });
    applyPairCardOp(doc, { op: 'add', pairId: 'wrong', title: 'Пара № 2', stage: 'intro' });
    addCard(doc, { id: 'stray', columnId: 'intro', title: 'Не пара' });
    const pairs = [
      { id: 'right', number: 1, menteeCount: 1, stage: 'intro' as const },
      { id: 'wrong', number: 2, menteeCount: 1, stage: 'final' as const },
      { id: 'missing', number: 3, menteeCount: 2, stage: 'planning' as const },
      { id: 'skipped', number: 4, menteeCount: 1, stage: 'intro' as const },
    ];
    expect(reconcileOps(doc, pairs, new Set(['skipped']))).toEqual([
      { op: 'move', pairId: 'wrong', stage: 'final' },
      { op: 'add', pairId: 'missing', title: 'Группа № 3', stage: 'planning' },
    ]);
  });

  it('projects a move across columns on a pairs board as pair.stage_changed with the reason; a reorder stays card.moved', () => {
    const doc = board();
    const projector = new BoardProjector(doc);
    projector.capture(() => {
      applyPairCardOp(doc, { op: 'add', pairId: 'p1', title: 'Пара № 1', stage: 'intro' });
      applyPairCardOp(doc, { op: 'add', pairId: 'p2', title: 'Пара № 2', stage: 'intro' });
    });
    const ops = [{ op: 'move' as const, pairId: 'p1', stage: 'final' as const, reason: 'пропуск' }];
    const events = projector.capture(() => ops.forEach((o) => applyPairCardOp(doc, o)));
    expect(pairAuditEvents('pairs', events, moveReasons(ops))).toEqual([
      { type: 'pair.stage_changed', entityType: 'pair', entityId: 'p1', before: { stage: 'intro' }, after: { stage: 'final', reason: 'пропуск' } },
    ]);
    // Without a reason, none is recorded; on a roadmap nothing is renamed.
    const back = projector.capture(() => applyPairCardOp(doc, { op: 'move', pairId: 'p1', stage: 'intro' }));
    expect(pairAuditEvents('pairs', back)).toMatchObject([{ type: 'pair.stage_changed', after: { stage: 'intro' } }]);
    expect(pairAuditEvents('pairs', back)[0].after).toEqual({ stage: 'intro' });
    expect(pairAuditEvents('roadmap', back)).toEqual(back);
    const reorder = [{ type: 'card.moved' as const, entityType: 'card' as const, entityId: 'p2', before: { columnId: 'intro', order: 'a0' }, after: { columnId: 'intro', order: 'a2' } }];
    expect(pairAuditEvents('pairs', reorder)).toEqual(reorder);
  });
});
