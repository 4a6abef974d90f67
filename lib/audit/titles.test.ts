import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addColumn, renameColumn, setCardText, updateCard } from '../board/ops';
import { auditRow } from './audit-row';
import { BoardProjector } from './projector';
import { titleChange, TITLE_TYPES } from './titles';

describe('titles from audit rows', () => {
  it('follows the projector: a card’s title when created and retitled, a column’s when created and renamed, nothing else', () => {
    const doc = new Y.Doc();
    const projector = new BoardProjector(doc);
    let column = '';
    let card = '';
    const rows = [
      ...projector.capture(() => (column = addColumn(doc, { title: 'Этап' }))),
      ...projector.capture(() => (card = addCard(doc, { columnId: column, title: 'Разработка положения' }))),
      ...projector.capture(() => setCardText(doc, card, 'title', 'Разработка положения о наставничестве')),
      ...projector.capture(() => setCardText(doc, card, 'description', 'не заголовок')),
      ...projector.capture(() => updateCard(doc, card, { status: 'done' })),
      ...projector.capture(() => renameColumn(doc, column, 'Подготовка условий')),
    ].map((e) => auditRow(null, new Date(), e));
    expect(rows.map((r) => titleChange(r))).toEqual([
      { kind: 'column', id: column, title: 'Этап' },
      { kind: 'card', id: card, title: 'Разработка положения' },
      { kind: 'card', id: card, title: 'Разработка положения о наставничестве' },
      null,
      null,
      { kind: 'column', id: column, title: 'Подготовка условий' },
    ]);
    expect(rows.filter((r) => titleChange(r)).every((r) => (TITLE_TYPES as readonly string[]).includes(r.type))).toBe(true);
  });

  it('reads restores of a card and of its title, and ignores rows without an entity or a string title', () => {
    expect(titleChange({ type: 'card.restored', entityId: 'c1', after: { title: 'Снова', columnId: 'x', fromEvent: 7 } })).toEqual({ kind: 'card', id: 'c1', title: 'Снова' });
    expect(titleChange({ type: 'card.field_restored', entityId: 'c1', after: { field: 'title', value: 'Старое', fromEvent: 7 } })).toEqual({ kind: 'card', id: 'c1', title: 'Старое' });
    expect(titleChange({ type: 'card.field_restored', entityId: 'c1', after: { field: 'deadline', value: 'x' } })).toBeNull();
    expect(titleChange({ type: 'card.created', entityId: null, after: { title: 'x' } })).toBeNull();
    expect(titleChange({ type: 'card.updated', entityId: 'c1', after: { title: 5 } })).toBeNull();
    expect(titleChange({ type: 'card.deleted', entityId: 'c1', after: null })).toBeNull();
  });
});
