import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc } from '../board/doc';
import { addCard, addColumn, moveCard, moveColumn, removeCard, removeColumn, renameColumn, setCardText, updateCard } from '../board/ops';
import { BoardProjector } from './projector';

function pair() {
  const server = buildBoardDoc({
    title: 'Доска',
    kind: 'roadmap',
    period: null,
    columns: [
      { id: 'a', title: 'Подготовка', cards: [{ id: 'k1', title: 'Приказ', fields: { status: 'todo' } }] },
      { id: 'b', title: 'Наставляемые', cards: [] },
    ],
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const projector = new BoardProjector(server);
  // Whatever the client does reaches the server as one update, as over the websocket.
  const send = (change: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(server);
    change(client);
    return projector.apply(Y.encodeStateAsUpdate(client, sv));
  };
  return { server, client, projector, send };
}

describe('audit projector', () => {
  it('turns card changes into card.created / moved / updated / deleted', () => {
    const { send } = pair();
    const created = send((d) => addCard(d, { id: 'k2', columnId: 'a', title: 'Положение', fields: { status: 'todo' } }));
    expect(created).toEqual([
      expect.objectContaining({ type: 'card.created', entityId: 'k2', after: expect.objectContaining({ title: 'Положение', columnId: 'a', status: 'todo' }) }),
    ]);
    const moved = send((d) => moveCard(d, 'k2', 'b', 0));
    expect(moved).toEqual([expect.objectContaining({ type: 'card.moved', entityId: 'k2', before: expect.objectContaining({ columnId: 'a' }), after: expect.objectContaining({ columnId: 'b' }) })]);
    expect(send((d) => updateCard(d, 'k2', { status: 'done' }))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k2', field: 'status', before: 'todo', after: 'done' },
    ]);
    expect(send((d) => setCardText(d, 'k2', 'title', 'Положение о наставничестве'))).toEqual([
      { type: 'card.updated', entityType: 'card', entityId: 'k2', field: 'title', before: 'Положение', after: 'Положение о наставничестве' },
    ]);
    expect(send((d) => removeCard(d, 'k2'))).toEqual([expect.objectContaining({ type: 'card.deleted', entityId: 'k2', after: null })]);
  });

  it('turns column changes into column.created / renamed / moved / deleted', () => {
    const { send } = pair();
    expect(send((d) => addColumn(d, { id: 'c', title: 'Наставники' }))).toEqual([expect.objectContaining({ type: 'column.created', entityId: 'c' })]);
    expect(send((d) => renameColumn(d, 'c', 'Отбор наставников'))).toEqual([
      { type: 'column.renamed', entityType: 'column', entityId: 'c', before: 'Наставники', after: 'Отбор наставников' },
    ]);
    expect(send((d) => moveColumn(d, 'c', 0)).map((e) => e.type)).toEqual(['column.moved']);
    // Removing a column with a card: the column goes, the card moves to the neighbour.
    expect(send((d) => removeColumn(d, 'a')).map((e) => `${e.type} ${e.entityId}`)).toEqual(['column.deleted a', 'card.moved k1']);
  });

  it('a repeated update yields nothing, and a card made and removed in one update yields nothing', () => {
    const { server, client, projector } = pair();
    const sv = Y.encodeStateVector(server);
    addCard(client, { id: 'k9', columnId: 'a', title: 'x' });
    const update = Y.encodeStateAsUpdate(client, sv);
    expect(projector.apply(update)).toHaveLength(1);
    expect(projector.apply(update)).toEqual([]);
    const sv2 = Y.encodeStateVector(server);
    client.transact(() => {
      addCard(client, { id: 'k10', columnId: 'a', title: 'y' });
      removeCard(client, 'k10');
    });
    expect(projector.apply(Y.encodeStateAsUpdate(client, sv2))).toEqual([]);
  });

  it('concurrent moves of one card: each application reports what it really changed', () => {
    const { server, client, projector } = pair();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(server);
    moveCard(client, 'k1', 'b', 0);
    addColumn(other, { id: 'c', title: 'Третья' });
    moveCard(other, 'k1', 'c', 0);
    const first = projector.apply(Y.encodeStateAsUpdate(client, sv));
    expect(first.map((e) => e.type)).toEqual(['card.moved']);
    const second = projector.apply(Y.encodeStateAsUpdate(other, sv));
    const final = server.getMap<Y.Map<unknown>>('cards').get('k1')!.get('columnId');
    const moves = second.filter((e) => e.type === 'card.moved');
    // The later writer wins per field: if its move won, the server saw a second move.
    expect(moves.length).toBe(final === 'c' ? 1 : 0);
  });

  it('reports one event for one edit on a 1,000-card board', () => {
    const columns = [{ id: 'a', title: 'A', cards: Array.from({ length: 1000 }, (_, i) => ({ id: `k${i}`, title: `Карточка ${i}` })) }];
    const server = buildBoardDoc({ title: 'Большая', kind: 'roadmap', period: null, columns });
    const projector = new BoardProjector(server);
    const events = projector.capture(() => updateCard(server, 'k500', { status: 'done' }));
    expect(events).toEqual([{ type: 'card.updated', entityType: 'card', entityId: 'k500', field: 'status', before: null, after: 'done' }]);
  });
});
