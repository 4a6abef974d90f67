import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactState, mergeMany } from './merge';

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

describe('compactState', () => {
  /** Sessions typing words one keystroke per update, erasing some of them. */
  function typed() {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const text = source.getMap<Y.Text>('cards').set('c1', new Y.Text());
    for (let session = 0; session < 40; session++) {
      source.clientID = 1000 + session;
      let at = session % 2 ? text.length : Math.floor(text.length / 2);
      for (const ch of 'план встречи наставника ') text.insert(at++, ch);
      if (session % 3 === 0) text.delete(at - 10, 9);
    }
    return { source, updates };
  }

  it('gives the same document as the updates, smaller than their merge', () => {
    const { source, updates } = typed();
    const state = compactState(updates);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(doc.getMap('cards').toJSON()).toEqual(source.getMap('cards').toJSON());
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(source));
    expect(state.byteLength).toBeLessThan(mergeMany(updates).byteLength / 2);
  });

  it('keeps an update whose predecessor is missing, to apply once the predecessor arrives', () => {
    const { source, updates } = typed();
    const missing = updates[100];
    const state = compactState([...updates.slice(0, 100), ...updates.slice(101)]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(doc.getMap('cards').toJSON()).not.toEqual(source.getMap('cards').toJSON());
    Y.applyUpdate(doc, missing);
    expect(doc.getMap('cards').toJSON()).toEqual(source.getMap('cards').toJSON());
  });

  it('of a compacted state and later updates is the whole document', () => {
    const { source, updates } = typed();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, compactState([compactState(updates.slice(0, 300)), ...updates.slice(300)]));
    expect(doc.getMap('cards').toJSON()).toEqual(source.getMap('cards').toJSON());
  });
});
