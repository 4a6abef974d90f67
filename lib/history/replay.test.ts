import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { auditRow } from '../audit/audit-row';
import { BoardProjector } from '../audit/projector';
import { buildBoardDoc } from '../board/doc';
import { addCard, addColumn, addComment, moveCard, moveColumn, removeCard, removeColumn, renameColumn, setCardText, updateCard } from '../board/ops';
import { applyPairCardOp, pairAuditEvents, type PairCardOp } from '../board/pair-cards';
import { MEETING_STAGES } from '../board/templates';
import { applyEvent, asOfView, contentOf, contentOfDoc, emptyBoard, liveView, stateFrom, type BoardState, type ReplayRow } from './replay';

const roadmap = () =>
  buildBoardDoc({
    title: 'Дорожная карта',
    kind: 'roadmap',
    period: { from: '2025-09-01', to: '2026-06-30' },
    columns: [
      { id: 'a', title: 'Подготовка условий', cards: [{ id: 'k1', title: 'Разработка положения', description: 'черновик', fields: { status: 'todo', responsible: ['Директор'], checklist: [] } }] },
      { id: 'b', title: 'Формирование базы наставляемых', cards: [{ id: 'k2', title: 'Анкетирование' }] },
      { id: 'c', title: 'Итоги', cards: [] },
    ],
  });

/** A board recorded as the server records it: board.created with its content, then every change projected into rows. */
function recorded(doc: Y.Doc = roadmap()) {
  const rows: ReplayRow[] = [{ type: 'board.created', entityId: 'board', before: null, after: { title: 'Дорожная карта', kind: 'roadmap', content: contentOfDoc(doc) } }];
  const projector = new BoardProjector(doc);
  const change = (fn: (d: Y.Doc) => void) => {
    const events = projector.capture(() => fn(doc));
    rows.push(...events.map((e) => auditRow(null, new Date(0), e)));
    return events;
  };
  const replay = (upTo = rows.length) => rows.slice(0, upTo).reduce(applyEvent, emptyBoard());
  return { doc, rows, change, replay };
}

describe('replay: the board from its trail', () => {
  it('starts from the content board.created carries, laid out as the live board', () => {
    const { doc, replay } = recorded();
    expect(asOfView(replay())).toEqual(liveView(doc));
    expect(asOfView(replay())).toEqual({
      columns: [
        { id: 'a', title: 'Подготовка условий', cards: [{ id: 'k1', title: 'Разработка положения', fields: { description: 'черновик', status: 'todo', responsible: ['Директор'] } }] },
        { id: 'b', title: 'Формирование базы наставляемых', cards: [{ id: 'k2', title: 'Анкетирование', fields: { description: '' } }] },
        { id: 'c', title: 'Итоги', cards: [] },
      ],
    });
  });

  it('a board created before its content was recorded starts empty, and events on what it lacks change nothing', () => {
    const state = [
      { type: 'board.created', entityId: 'board', before: null, after: { title: 'Старая доска', kind: 'roadmap' } },
      { type: 'card.moved', entityId: 'k1', before: { columnId: 'a', order: 'a0' }, after: { columnId: 'b', order: 'a1' } },
      { type: 'card.updated', entityId: 'k1', before: { status: 'todo' }, after: { status: 'done' } },
      { type: 'column.renamed', entityId: 'a', before: 'А', after: 'Б' },
      { type: 'comment.added', entityId: 'k1', before: null, after: { id: 'm1', authorId: 'u', at: '2025-01-01', text: 'x' } },
      { type: 'column.created', entityId: 'z', before: null, after: { title: 'Новый этап', order: 'a0' } },
    ].reduce(applyEvent, emptyBoard());
    expect(asOfView(state)).toEqual({ columns: [{ id: 'z', title: 'Новый этап', cards: [] }] });
  });

  it('replays card events: created, moved, a field, a text, deleted', () => {
    const { doc, change, replay, rows } = recorded();
    change((d) => addCard(d, { id: 'k3', columnId: 'c', title: 'Приказ', fields: { status: 'todo', deadline: { text: 'сентябрь', start: '2025-09-01', end: '2025-09-30', recurrence: 'once' } } }));
    change((d) => moveCard(d, 'k1', 'c', 0));
    change((d) => updateCard(d, 'k1', { status: 'done', result: 'Положение' }));
    change((d) => setCardText(d, 'k2', 'title', 'Анкетирование наставляемых'));
    change((d) => setCardText(d, 'k2', 'description', 'по форме'));
    const beforeDelete = asOfView(replay());
    expect(beforeDelete).toEqual(liveView(doc));
    expect(beforeDelete.columns[2].cards.map((c) => c.id)).toEqual(['k1', 'k3']);
    change((d) => removeCard(d, 'k3'));
    expect(rows.at(-1)!.type).toBe('card.deleted');
    expect(asOfView(replay())).toEqual(liveView(doc));
    expect(asOfView(replay()).columns[2].cards.map((c) => c.id)).toEqual(['k1']);
    // And as of any earlier row: the past is not changed by what came later.
    expect(asOfView(replay(rows.length - 1))).toEqual(beforeDelete);
  });

  it('replays column events: created, renamed, moved, removed (its cards moved with it), and a card orphaned in a removed column', () => {
    const { doc, change, replay } = recorded();
    change((d) => addColumn(d, { id: 'd', title: 'Мониторинг', index: 0 }));
    change((d) => renameColumn(d, 'b', 'База наставляемых'));
    change((d) => moveColumn(d, 'c', 1));
    expect(asOfView(replay())).toEqual(liveView(doc));
    expect(asOfView(replay()).columns.map((c) => c.id)).toEqual(['d', 'c', 'a', 'b']);
    change((d) => removeColumn(d, 'a'));
    expect(asOfView(replay())).toEqual(liveView(doc));
    expect(asOfView(replay()).columns.map((c) => c.id)).toEqual(['d', 'c', 'b']);
    // A card created in a column another user had removed: shown in the first column, as the live board shows it.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    change((d) => {
      d.getMap<Y.Map<unknown>>('cards').set('k9', cardIn('a', 'zz', 'Сирота'));
    });
    expect(asOfView(replay())).toEqual(liveView(doc));
    expect(asOfView(replay()).columns[0].cards.map((c) => c.id)).toEqual(['k9']);
  });

  it('replays comments and checklist items one by one; comments read in time order', () => {
    const { doc, change, replay } = recorded();
    change((d) => void addComment(d, 'k1', { authorId: 'u1', at: '2025-10-02T10:00:00Z', text: 'Готово на 80%' }));
    change((d) => void addComment(d, 'k1', { authorId: 'u2', at: '2025-10-01T10:00:00Z', text: 'Раньше' }));
    change((d) => updateCard(d, 'k1', { checklist: [{ id: 'i1', text: 'Проект', done: false }, { id: 'i2', text: 'Согласование', done: false }] }));
    change((d) => updateCard(d, 'k1', { checklist: [{ id: 'i1', text: 'Проект', done: true }, { id: 'i2', text: 'Согласование с советом', done: false }] }));
    const comments = doc.getMap<Y.Map<unknown>>('cards').get('k1')!.get('comments') as Y.Array<{ id: string; text: string }>;
    change(() => comments.delete(0, 1));
    change((d) => updateCard(d, 'k1', { checklist: [{ id: 'i2', text: 'Согласование с советом', done: false }] }));
    const view = asOfView(replay());
    expect(view).toEqual(liveView(doc));
    const fields = view.columns[0].cards[0].fields;
    expect(fields.comments).toEqual([expect.objectContaining({ text: 'Раньше' })]);
    expect(fields.checklist).toEqual([{ id: 'i2', text: 'Согласование с советом', done: false }]);
    const earlier = asOfView(replay(4)).columns[0].cards[0].fields.comments as { text: string }[];
    expect(earlier.map((c) => c.text)).toEqual(['Раньше', 'Готово на 80%']);
  });

  it('replays board.updated into the meta it keeps (not part of the view)', () => {
    const { change, replay } = recorded();
    change((d) => d.getMap('meta').set('title', 'Дорожная карта 2026'));
    expect(replay().meta.get('title')).toBe('Дорожная карта 2026');
    expect(replay().meta.get('kind')).toBe('roadmap');
  });

  it("replays a pair's stage change at the end of its stage's column, where the board writer put it", () => {
    const doc = buildBoardDoc({ title: 'Пары', kind: 'pairs', period: null, columns: MEETING_STAGES.map((m) => ({ id: m.id, title: m.title, cards: [] })) });
    const rows: ReplayRow[] = [{ type: 'board.created', entityId: 'board', before: null, after: { content: contentOfDoc(doc) } }];
    const projector = new BoardProjector(doc);
    const write = (ops: PairCardOp[]) => {
      const events = projector.capture(() => ops.forEach((op) => applyPairCardOp(doc, op)));
      rows.push(...pairAuditEvents('pairs', events, new Map(ops.flatMap((o) => (o.op === 'move' ? [[o.pairId, o.reason]] : [])))).map((e) => auditRow(null, new Date(0), e)));
    };
    write(['p1', 'p2', 'p3'].map((pairId, i) => ({ op: 'add', pairId, title: `Пара № ${i + 1}`, stage: i === 0 ? 'trial' : 'intro' })));
    write([{ op: 'move', pairId: 'p2', stage: 'trial', reason: null }]);
    write([{ op: 'move', pairId: 'p3', stage: 'trial', reason: 'пропуск' }]);
    // A mentor reorders within the column (a client's card.moved).
    const events = projector.capture(() => moveCard(doc, 'p3', 'trial', 0));
    rows.push(...events.map((e) => auditRow(null, new Date(0), e)));
    write([{ op: 'move', pairId: 'p1', stage: 'planning' }, { op: 'move', pairId: 'p1', stage: 'trial' }]);
    // p1's out-and-back is one transaction: a move to the end of its own column, a card.moved.
    expect(rows.slice(1).map((r) => r.type)).toEqual(['card.created', 'card.created', 'card.created', 'pair.stage_changed', 'pair.stage_changed', 'card.moved', 'card.moved']);
    const state = rows.reduce(applyEvent, emptyBoard());
    expect(asOfView(state)).toEqual(liveView(doc));
    expect(asOfView(state).columns[1].cards.map((c) => c.id)).toEqual(['p3', 'p2', 'p1']);
    expect(state.cards.get('p2')!.order).toBe(String(doc.getMap<Y.Map<unknown>>('cards').get('p2')!.get('order')));
  });

  it('replays restores: a deleted card comes back whole, a field gets its old value', () => {
    const { replay, rows } = recorded();
    const card = replay().cards.get('k1')!;
    rows.push({ type: 'card.deleted', entityId: 'k1', before: card, after: null });
    expect(asOfView(replay()).columns[0].cards).toEqual([]);
    rows.push({ type: 'card.restored', entityId: 'k1', before: null, after: { ...card, order: 'a5', fromEvent: 2 } });
    rows.push({ type: 'card.field_restored', entityId: 'k2', before: { field: 'title', value: 'Анкетирование' }, after: { field: 'title', value: 'Опрос', fromEvent: 1 } });
    rows.push({ type: 'card.field_restored', entityId: 'k1', before: { field: 'status', value: 'todo' }, after: { field: 'status', value: 'done', fromEvent: 1 } });
    const view = asOfView(replay());
    expect(view.columns[0].cards).toEqual([{ id: 'k1', title: 'Разработка положения', fields: { description: 'черновик', status: 'done', responsible: ['Директор'] } }]);
    expect(replay().cards.get('k1')).not.toHaveProperty('fromEvent');
    expect(view.columns[1].cards[0].title).toBe('Опрос');
  });

  it('leaves rows of other types alone (renames in the boards table, archiving)', () => {
    const { replay, rows } = recorded();
    const before = asOfView(replay());
    rows.push({ type: 'board.renamed', entityId: 'board', before: { title: 'А' }, after: { title: 'Б' } }, { type: 'board.archived', entityId: 'board', before: null, after: null });
    expect(asOfView(replay())).toEqual(before);
  });

  it('never mutates what it stored: a snapshot taken earlier stays as it was, and reads back as the same state', () => {
    const { change, replay, rows } = recorded();
    let state: BoardState = replay();
    const snapshot = contentOf(state);
    const json = JSON.stringify(snapshot);
    const from = rows.length;
    change((d) => updateCard(d, 'k1', { status: 'in_progress', checklist: [{ id: 'i1', text: 'шаг', done: false }] }));
    change((d) => moveCard(d, 'k1', 'b', 0));
    change((d) => void addComment(d, 'k1', { authorId: 'u', at: '2025-01-01', text: 'комментарий' }));
    change((d) => renameColumn(d, 'a', 'Другое'));
    change((d) => removeCard(d, 'k2'));
    state = rows.slice(from).reduce(applyEvent, state);
    expect(JSON.stringify(snapshot)).toBe(json);
    const reread = rows.slice(from).reduce(applyEvent, stateFrom(JSON.parse(json)));
    expect(asOfView(reread)).toEqual(asOfView(state));
  });
});

function cardIn(columnId: string, order: string, title: string) {
  const card = new Y.Map<unknown>();
  card.set('columnId', columnId);
  card.set('order', order);
  card.set('title', new Y.Text(title));
  card.set('description', new Y.Text(''));
  card.set('comments', new Y.Array());
  return card;
}
