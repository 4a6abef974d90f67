import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc, type CardFields } from '../../lib/board/doc';
import { addCard, addColumn, addComment, moveCard, removeCard, renameColumn, setCardText, updateCard } from '../../lib/board/ops';
import { MEETING_STAGES, STANDARD_STAGES } from '../../lib/board/templates';
import type { EditScope } from '../../lib/permissions';
import { forgeUpdate } from '../../tests/helpers/yjs-forge';
import { shapeProblem } from './update-shape';

const ME = 'user-me';
// Whose pair cards are whose, as the database says (the cards hold only their pair's id).
const OWNERS = new Map([
  ['mine', new Set([ME])],
  ['theirs', new Set(['other'])],
]);
function setup(kind: 'roadmap' | 'pairs', scope: EditScope) {
  const server = buildBoardDoc({
    title: 'Доска',
    kind,
    period: null,
    columns: (kind === 'pairs' ? MEETING_STAGES : STANDARD_STAGES.map((title, i) => ({ id: `c${i}`, title }))).map((c, i) => ({
      id: c.id,
      title: c.title,
      cards:
        i === 0
          ? [
              { id: 'mine', title: 'Моя', fields: (kind === 'pairs' ? { pairId: 'mine' } : { status: 'todo' }) as CardFields },
              { id: 'theirs', title: 'Чужая', fields: (kind === 'pairs' ? { pairId: 'theirs' } : { status: 'todo' }) as CardFields },
            ]
          : [],
    })),
  });
  const check = (change: (d: Y.Doc) => void) => {
    const client = new Y.Doc(); // a peer in step with the server, as the real pipeline ensures
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(client);
    change(client);
    const update = Y.encodeStateAsUpdate(client, sv);
    const verdict = shapeProblem(server, Y.decodeUpdate(update), { userId: ME, scope, kind, owners: OWNERS });
    if (verdict === null) Y.applyUpdate(server, update); // the next change builds on an accepted one
    return verdict;
  };
  const raw = (update: Uint8Array) => shapeProblem(server, Y.decodeUpdate(update), { userId: ME, scope, kind, owners: OWNERS });
  return { server, check, raw };
}
const firstColumn = (d: Y.Doc) => [...d.getMap<Y.Map<unknown>>('columns').keys()][0];

describe('the shape of what an update writes', () => {
  it('takes every operation of the board app', () => {
    const { check } = setup('roadmap', 'all');
    let id = '';
    expect(check((d) => (id = addCard(d, { columnId: firstColumn(d), title: 'Новая', fields: { status: 'todo', responsible: [], checklist: [] } })))).toBeNull();
    expect(check((d) => updateCard(d, id, { deadline: { text: 'май', start: null, end: null, recurrence: 'once' }, result: 'Отчёт', number: '1.1' }))).toBeNull();
    expect(check((d) => setCardText(d, id, 'description', 'Описание'))).toBeNull();
    expect(check((d) => setCardText(d, id, 'description', 'Описание, дополненное'))).toBeNull();
    expect(check((d) => addComment(d, id, { authorId: ME, at: new Date().toISOString(), text: 'Готово' }))).toBeNull();
    expect(check((d) => addComment(d, id, { authorId: ME, at: new Date().toISOString(), text: 'Ещё' }))).toBeNull();
    expect(check((d) => moveCard(d, id, firstColumn(d), 0))).toBeNull();
    let col = '';
    expect(check((d) => (col = addColumn(d, { title: 'Этап' })))).toBeNull();
    expect(check((d) => renameColumn(d, col, 'Этап 2'))).toBeNull();
    expect(check((d) => removeCard(d, id))).toBeNull();
  });

  it('refuses a comment signed by someone else, a malformed one, and junk in the comment list', () => {
    const { check } = setup('roadmap', 'all');
    const at = new Date().toISOString();
    expect(check((d) => addComment(d, 'mine', { authorId: 'head-id', at, text: 'от имени руководителя' }))).toMatch(/signed "head-id"/);
    expect(check((d) => (d.getMap<Y.Map<Y.Array<unknown>>>('cards').get('mine')!.get('comments')!.push([{ id: 'x', authorId: ME, at, text: 1 }])))).toMatch(/needs id, at and text/);
    expect(check((d) => d.getMap<Y.Map<Y.Array<unknown>>>('cards').get('mine')!.get('comments')!.push([new Y.Map()]))).toMatch(/plain value/);
    expect(check((d) => updateCard(d, 'mine', { status: 'done' }))).toBeNull(); // the connection goes on
  });

  it('refuses keys a card does not have, oversized values, wrong kinds of content and other roots', () => {
    const { check } = setup('roadmap', 'all');
    const cards = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards');
    expect(check((d) => cards(d).get('mine')!.set('junk', 'x'))).toMatch(/junk is not a card field/);
    expect(check((d) => cards(d).get('mine')!.set('mentorId', 'x'))).toMatch(/not a card field/); // a pairs field on a roadmap
    expect(check((d) => updateCard(d, 'mine', { result: 'я'.repeat(40_000) }))).toMatch(/over 32000 characters/);
    expect(check((d) => cards(d).get('mine')!.set('title', 'plain string'))).toMatch(/must be a text/);
    expect(check((d) => cards(d).get('mine')!.set('status', new Y.Map()))).toMatch(/plain value/);
    expect(check((d) => d.getMap('cards').set('junk', 'big value'))).toMatch(/only cards/);
    expect(check((d) => d.getMap<Y.Map<unknown>>('columns').get(firstColumn(d))!.set('colour', 'red'))).toMatch(/not a column field/);
    expect(check((d) => d.getMap('meta').set('junk', 1))).toMatch(/not a board field/);
    expect(check((d) => d.getMap('elsewhere').set('x', 1))).toMatch(/not part of a board/);
    expect(check((d) => ((cards(d).get('mine')!.get('title') as Y.Text).insertEmbed(0, { big: 1 })))).toMatch(/only characters/);
    // A new card carrying a junk key in the same update is refused as a whole.
    expect(check((d) => addCard(d, { columnId: firstColumn(d), title: 'С мусором', fields: { junk: 'x' } }))).toMatch(/junk/);
  });

  it("keeps a mentor inside its own pairs' cards", () => {
    const { check } = setup('pairs', 'own-pairs');
    expect(check((d) => moveCard(d, 'mine', 'intro', 1))).toBeNull();
    expect(check((d) => setCardText(d, 'mine', 'description', 'Заметки'))).toBeNull();
    expect(check((d) => addComment(d, 'mine', { authorId: ME, at: new Date().toISOString(), text: 'Встретились' }))).toBeNull();
    expect(check((d) => setCardText(d, 'theirs', 'description', 'Заметки'))).toMatch(/not one of the mentor's pairs/);
    // Who the pair is lives in the database: the old card fields are no card fields any more.
    expect(check((d) => updateCard(d, 'mine', { mentorId: ME }))).toMatch(/mentorId is not a card field/);
    expect(check((d) => updateCard(d, 'mine', { menteeIds: [] }))).toMatch(/menteeIds is not a card field/);
    expect(check((d) => setCardText(d, 'theirs', 'title', 'Чужая пара'))).toMatch(/not one of the mentor's pairs/);
    expect(check((d) => addComment(d, 'theirs', { authorId: ME, at: new Date().toISOString(), text: 'чужая' }))).toMatch(/mentor's pairs/);
    expect(check((d) => d.getMap<Y.Map<unknown>>('cards').get('mine')!.set('junk', 'x'.repeat(1000)))).toMatch(/junk is not a card field/);
    expect(check((d) => addCard(d, { columnId: 'intro', title: 'Новая', fields: { pairId: 'x' } }))).toMatch(/mentor's pairs/);
    expect(check((d) => renameColumn(d, 'intro', 'Своя'))).toMatch(/outside/);
  });

  it('follows a struct to its place through its origin, its right origin or its parent, in the board or in the update', () => {
    const { raw, server } = setup('roadmap', 'all');
    const title = (server.getMap<Y.Map<Y.Text>>('cards').get('mine')!.get('title') as Y.Text)._item!.id;
    const statusItem = server.getMap<Y.Map<unknown>>('cards').get('mine')!._map.get('status')!.id;
    const str = new Y.ContentString('ab');
    expect(raw(forgeUpdate([{ client: 9, clock: 0, parent: title, content: str }]))).toBeNull();
    expect(raw(forgeUpdate([{ client: 9, clock: 0, parent: title, content: new Y.ContentAny([1]) }]))).toMatch(/only characters/);
    // Beside the card's status item: the same card, the same key.
    expect(raw(forgeUpdate([{ client: 9, clock: 0, origin: statusItem, content: new Y.ContentAny(['x'.repeat(40_000)]) }]))).toMatch(/mine\/status: a value over/);
    // A chain inside the update: the second struct sits beside the first, in the same text.
    expect(
      raw(
        forgeUpdate([
          { client: 9, clock: 0, parent: title, content: new Y.ContentString('a') },
          { client: 9, clock: 1, origin: { client: 9, clock: 0 }, content: new Y.ContentAny([{}]) },
        ]),
      ),
    ).toMatch(/9:1 at cards\/mine\/title/);
  });
});
