import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeMany } from './merge';

describe('mergeMany', () => {
  it('gives the same document as applying every update in turn, for a long log', () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const cards = source.getMap<Y.Map<unknown>>('cards');
    for (let i = 0; i < 1_000; i++) {
      source.transact(() => {
        const card = new Y.Map<unknown>();
        card.set('title', new Y.Text(`Мероприятие ${i}`));
        cards.set(`c${i}`, card);
      });
      if (i % 3 === 0) (cards.get(`c${i}`)!.get('title') as Y.Text).insert(0, '✓ ');
      if (i % 7 === 0 && i > 0) cards.delete(`c${i - 1}`);
    }
    const merged = new Y.Doc();
    Y.applyUpdate(merged, mergeMany(updates));
    expect(merged.getMap('cards').toJSON()).toEqual(source.getMap('cards').toJSON());
    expect(Y.encodeStateVector(merged)).toEqual(Y.encodeStateVector(source));
  });
});
