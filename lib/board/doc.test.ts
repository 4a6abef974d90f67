import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc, readBoard } from './doc';

describe('board document', () => {
  const init = {
    title: 'Дорожная карта',
    kind: 'roadmap' as const,
    period: { from: '2026', to: '2027' },
    columns: [
      { id: 'c1', title: 'Подготовка условий', cards: [{ id: 'a', title: 'Приказ' }, { id: 'b', title: 'Положение', fields: { status: 'done' } }] },
      { id: 'c2', title: 'Формирование базы наставляемых', cards: [] },
    ],
  };

  it('reads back what was built, in order, after a round trip through an update', () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(buildBoardDoc(init)));
    const view = readBoard(copy);
    expect(view.title).toBe('Дорожная карта');
    expect(view.kind).toBe('roadmap');
    expect(view.columns.map((c) => c.title)).toEqual(['Подготовка условий', 'Формирование базы наставляемых']);
    expect(view.columns[0].cards.map((c) => c.title)).toEqual(['Приказ', 'Положение']);
    expect(view.columns[0].cards[1].fields.status).toBe('done');
    expect(view.columns[0].cards[0].order < view.columns[0].cards[1].order).toBe(true);
  });

  it('breaks order ties by id and shows cards whose column is gone in the first column', () => {
    const doc = buildBoardDoc(init);
    const cards = doc.getMap<Y.Map<unknown>>('cards');
    cards.get('a')!.set('order', 'a0');
    cards.get('b')!.set('order', 'a0');
    const orphan = new Y.Map<unknown>();
    orphan.set('columnId', 'missing');
    orphan.set('order', 'a0');
    cards.set('z', orphan);
    const view = readBoard(doc);
    expect(view.columns[0].cards.map((c) => c.id)).toEqual(['a', 'b', 'z']);
    expect(view.columns[0].cards[2].orphan).toBe(true);
  });
});
