import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { auditRow } from '../audit/audit-row';
import { BoardProjector } from '../audit/projector';
import { buildBoardDoc } from '../board/doc';
import { addComment, removeCard, removeColumn, setCardText, updateCard } from '../board/ops';
import { AppError } from '../errors';
import { applyEvent, asOfView, contentOfDoc, emptyBoard, liveView, type ReplayRow } from './replay';
import { applyRestore, restoreOpOf, type RestorableEvent } from './restore';

function board() {
  const doc = buildBoardDoc({
    title: 'Дорожная карта',
    kind: 'roadmap',
    period: null,
    columns: [
      { id: 'a', title: 'Подготовка', cards: [{ id: 'k0', title: 'Первое' }, { id: 'k1', title: 'Разработка положения', description: 'черновик', fields: { status: 'todo', responsible: ['Директор'] } }, { id: 'k2', title: 'Третье' }] },
      { id: 'b', title: 'Наставляемые', cards: [{ id: 'p1', title: 'Пара № 1', fields: { pairId: 'p1' } }] },
    ],
  });
  const rows: (ReplayRow & { id: number; entityType: string })[] = [{ id: 1, type: 'board.created', entityType: 'board', entityId: 'b', before: null, after: { content: contentOfDoc(doc) } }];
  const projector = new BoardProjector(doc);
  const change = (fn: (d: Y.Doc) => void) => {
    for (const e of projector.capture(() => fn(doc))) rows.push({ id: rows.length + 1, ...auditRow(null, new Date(0), e) });
    return rows.at(-1)! as RestorableEvent;
  };
  const restore = (event: RestorableEvent, field?: string) => {
    const { cardId, row } = applyRestore(doc, projector, restoreOpOf(event, field), 'roadmap', 'server');
    rows.push({ id: rows.length + 1, ...row });
    return { cardId, row };
  };
  const replayed = () => asOfView(rows.reduce(applyEvent, emptyBoard()));
  const card = (id: string) => doc.getMap<Y.Map<unknown>>('cards').get(id);
  return { doc, projector, rows, change, restore, replayed, card };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, ...err.details };
    throw err;
  }
  throw new Error('not refused');
};

describe('restore: what an event means', () => {
  const ev = (type: string, before: unknown, entityType = 'card'): RestorableEvent => ({ id: 7, type, entityType, entityId: 'k1', before, after: null });

  it('a field change restores its old value; a named field must be the one it changed', () => {
    expect(restoreOpOf(ev('card.updated', { status: 'todo' }))).toEqual({ kind: 'field', fromEvent: 7, cardId: 'k1', field: 'status', value: 'todo' });
    expect(restoreOpOf(ev('card.updated', { deadline: null }), 'deadline')).toEqual({ kind: 'field', fromEvent: 7, cardId: 'k1', field: 'deadline', value: null });
    expect(refusal(() => restoreOpOf(ev('card.updated', { status: 'todo' }), 'title'))).toEqual({ code: 'UNPROCESSABLE', fields: ['field'] });
    // Restoring a restore undoes it.
    expect(restoreOpOf(ev('card.field_restored', { field: 'title', value: 'Старое' }))).toMatchObject({ kind: 'field', field: 'title', value: 'Старое' });
  });

  it('a deleted card restores the card; other events have nothing to restore', () => {
    const card = { columnId: 'a', order: 'a0', title: 'Т', description: '' };
    expect(restoreOpOf(ev('card.deleted', card))).toEqual({ kind: 'card', fromEvent: 7, cardId: 'k1', card });
    expect(refusal(() => restoreOpOf(ev('card.deleted', card), 'title'))).toMatchObject({ code: 'UNPROCESSABLE' });
    for (const e of [ev('card.moved', { columnId: 'a', order: 'a0' }), ev('card.created', null), ev('comment.added', null), ev('pair.stage_changed', { stage: 'intro' }, 'pair'), ev('column.renamed', 'А', 'column')]) {
      expect(refusal(() => restoreOpOf(e)), e.type).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'not-restorable' });
    }
  });
});

describe('restore: applied to the board as it is now', () => {
  it("puts a title's old value back as a new change, audited as card.field_restored, and the trail replays to the live board", () => {
    const b = board();
    const renamed = b.change((d) => setCardText(d, 'k1', 'title', 'Положение о наставничестве'));
    b.change((d) => setCardText(d, 'k1', 'description', 'итог'));
    const { cardId, row } = b.restore(renamed);
    expect(cardId).toBe('k1');
    expect(b.card('k1')!.get('title')!.toString()).toBe('Разработка положения');
    expect(row).toEqual({ type: 'card.field_restored', entityType: 'card', entityId: 'k1', before: { field: 'title', value: 'Положение о наставничестве' }, after: { field: 'title', value: 'Разработка положения', fromEvent: renamed.id } });
    expect(b.replayed()).toEqual(liveView(b.doc));
    // The projector's shadow followed: the next edit reports the restored value as its 'before'.
    b.change((d) => updateCard(d, 'k1', { status: 'done' }));
    expect(b.change((d) => setCardText(d, 'k1', 'title', 'Новое'))).toMatchObject({ before: { title: 'Разработка положения' } });
    expect(b.replayed()).toEqual(liveView(b.doc));
  });

  it('restores a plain field, and refuses what has nothing to restore', () => {
    const b = board();
    const changed = b.change((d) => updateCard(d, 'k1', { responsible: ['Куратор'] }));
    expect(b.restore(changed).row).toMatchObject({ before: { field: 'responsible', value: ['Куратор'] }, after: { field: 'responsible', value: ['Директор'] } });
    expect(b.replayed()).toEqual(liveView(b.doc));
    expect(refusal(() => b.restore(changed))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'same-value' });
    const titled = b.change((d) => setCardText(d, 'k2', 'title', 'Переименовано'));
    b.change((d) => removeCard(d, 'k2'));
    expect(refusal(() => b.restore(titled))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'card-missing' });
    // The comments are a list of their own (lib/board/ops.ts): not a field to set back.
    const list = { id: 99, type: 'card.updated', entityType: 'card', entityId: 'k1', before: { comments: [] }, after: { comments: 'x' } };
    expect(refusal(() => b.restore(list))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'not-restorable' });
    const title = { id: 98, type: 'card.updated', entityType: 'card', entityId: 'k1', before: { title: '   ' }, after: { title: 'x' } };
    expect(refusal(() => b.restore(title))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'invalid-value' });
  });

  it('brings a deleted card back whole, to its old place in its old column, audited as card.restored', () => {
    const b = board();
    b.change((d) => void addComment(d, 'k1', { authorId: 'u1', at: '2025-10-01T10:00:00Z', text: 'Согласовано' }));
    b.change((d) => updateCard(d, 'k1', { checklist: [{ id: 'i1', text: 'Проект', done: true }] }));
    const deleted = b.change((d) => removeCard(d, 'k1'));
    expect(deleted.type).toBe('card.deleted');
    const { row } = b.restore(deleted);
    const view = liveView(b.doc);
    expect(view.columns[0].cards.map((c) => c.id)).toEqual(['k0', 'k1', 'k2']);
    expect(view.columns[0].cards[1]).toEqual({
      id: 'k1',
      title: 'Разработка положения',
      fields: { description: 'черновик', status: 'todo', responsible: ['Директор'], checklist: [{ id: 'i1', text: 'Проект', done: true }], comments: [expect.objectContaining({ text: 'Согласовано', authorId: 'u1' })] },
    });
    const card = b.card('k1')!;
    expect(row).toEqual({
      type: 'card.restored',
      entityType: 'card',
      entityId: 'k1',
      before: null,
      after: expect.objectContaining({ columnId: 'a', order: card.get('order'), title: 'Разработка положения', fromEvent: deleted.id }),
    });
    expect(b.replayed()).toEqual(view);
    expect(refusal(() => b.restore(deleted))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'card-exists' });
  });

  it('puts a card whose column is gone at the end of the first column', () => {
    const b = board();
    const deleted = b.change((d) => removeCard(d, 'k1'));
    b.change((d) => removeColumn(d, 'a'));
    b.restore(deleted);
    expect(liveView(b.doc).columns.map((c) => [c.id, c.cards.map((k) => k.id)])).toEqual([['b', ['p1', 'k0', 'k2', 'k1']]]);
    expect(b.replayed()).toEqual(liveView(b.doc));
  });

  it('refuses a pair card: it follows the pairs table', () => {
    const b = board();
    const moved = b.change((d) => setCardText(d, 'p1', 'description', 'заметка'));
    expect(refusal(() => b.restore(moved))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'pair-card' });
    const deleted = b.change((d) => removeCard(d, 'p1'));
    expect(refusal(() => b.restore(deleted))).toEqual({ code: 'RESTORE_NOT_APPLICABLE', reason: 'pair-card' });
    expect(b.card('p1')).toBeUndefined();
  });
});
