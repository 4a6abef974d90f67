import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBoardDoc } from '../../lib/board/doc';
import { addCard, addColumn, addComment, moveCard, removeCard, setCardText, updateCard } from '../../lib/board/ops';
import { MEETING_STAGES } from '../../lib/board/templates';
import { ownPairsOnly } from './write-filter';

const ME = 'mentor-1';
function pairsBoard() {
  const server = buildBoardDoc({
    title: 'Пары',
    kind: 'pairs',
    period: null,
    columns: MEETING_STAGES.map((m) => ({
      id: m.id,
      title: m.title,
      cards:
        m.id === 'intro'
          ? [
              { id: 'mine', title: 'Пара 1', fields: { mentorId: ME, menteeIds: ['m1'], form: 'учитель – учитель' } },
              { id: 'theirs', title: 'Пара 2', fields: { mentorId: 'mentor-2', menteeIds: ['m2'], form: 'учитель – учитель' } },
            ]
          : [],
    })),
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const verdict = (change: (d: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client);
    change(client);
    return ownPairsOnly(server, Y.encodeStateAsUpdate(client, sv), ME);
  };
  return { server, verdict };
}

describe("the mentor's write filter", () => {
  it("allows moving and recording meetings on the mentor's own pair", () => {
    const { verdict, server } = pairsBoard();
    const before = Y.encodeStateAsUpdate(server);
    expect(verdict((d) => moveCard(d, 'mine', 'trial', 0))).toEqual({ ok: true });
    expect(verdict((d) => updateCard(d, 'mine', { meetings: [{ stage: 'intro', feedback: 'Познакомились' }] }))).toEqual({ ok: true });
    expect(Y.encodeStateAsUpdate(server)).toEqual(before); // checked on a copy: the board is untouched
  });

  it("refuses another pair's card, changing who the pair is, new cards, deletions and columns", () => {
    const cases: [string, (d: Y.Doc) => void][] = [
      ['another pair', (d) => moveCard(d, 'theirs', 'trial', 0)],
      ['the mentor', (d) => updateCard(d, 'mine', { mentorId: 'someone-else' })],
      ['the mentees', (d) => updateCard(d, 'mine', { menteeIds: [] })],
      ['a new card', (d) => addCard(d, { columnId: 'intro', title: 'Новая пара', fields: { mentorId: ME, menteeIds: [] } })],
      ['a deletion', (d) => removeCard(d, 'mine')],
      ['a column', (d) => addColumn(d, { title: 'Своя колонка' })],
      ['another root type', (d) => d.getMap('anything').set('x', 1)],
      ['a column field', (d) => d.getMap<Y.Map<unknown>>('columns').get('intro')!.set('colour', 'red')],
      ['the board title', (d) => d.getMap('meta').set('title', 'Моя доска')],
      ['own and another in one update', (d) => d.transact(() => (moveCard(d, 'mine', 'trial', 0), moveCard(d, 'theirs', 'trial', 0)))],
    ];
    for (const [what, change] of cases) {
      const { verdict } = pairsBoard();
      expect(verdict(change), what).toMatchObject({ ok: false });
    }
    // Outside the cards, the refusal names what was touched (the log says why).
    const outside: [string, (d: Y.Doc) => void][] = [
      ['anything', (d) => d.getMap('anything').set('x', 1)],
      ['columns', (d) => d.getMap<Y.Map<unknown>>('columns').get('intro')!.set('colour', 'red')],
      ['meta', (d) => d.getMap('meta').set('title', 'Моя доска')],
    ];
    for (const [root, change] of outside) expect(pairsBoard().verdict(change)).toEqual({ ok: false, reason: `changes outside the pairs: ${root}` });
  });

  // Moving is only one kind of change: every kind a mentor may make on its own pair must
  // be refused on another pair's card.
  const comment = { authorId: ME, at: '2026-11-23T10:00:00.000Z', text: 'Чужая пара' };
  const kinds: [string, (d: Y.Doc, card: string) => void][] = [
    ['a move', (d, card) => moveCard(d, card, 'trial', 0)],
    ['the title', (d, card) => setCardText(d, card, 'title', 'Переименовано')],
    ['the description', (d, card) => setCardText(d, card, 'description', 'Описание')],
    ['the stage', (d, card) => updateCard(d, card, { stage: 'final' })],
    ['the form', (d, card) => updateCard(d, card, { form: 'студент – ученик' })],
    ['the meetings', (d, card) => updateCard(d, card, { meetings: [{ stage: 'intro', feedback: 'Не моя пара' }] })],
    ['a comment', (d, card) => void addComment(d, card, comment)],
    ['a field removed', (d, card) => d.getMap<Y.Map<unknown>>('cards').get(card)!.delete('form')],
    // No visible difference, yet the card's own Y types are replaced: a curator's comment or
    // typing made meanwhile in the old ones would be lost.
    ['the comments replaced by an equal list', (d, card) => d.getMap<Y.Map<unknown>>('cards').get(card)!.set('comments', new Y.Array())],
    ['the title replaced by an equal text', (d, card) => {
      const map = d.getMap<Y.Map<unknown>>('cards').get(card)!;
      map.set('title', new Y.Text(String(map.get('title'))));
    }],
  ];

  it.each(kinds)("refuses %s on another pair's card and allows it on the mentor's own", (_what, change) => {
    const { verdict } = pairsBoard();
    expect(verdict((d) => change(d, 'theirs'))).toMatchObject({ ok: false, reason: expect.stringContaining('theirs') });
    const own = pairsBoard();
    expect(own.verdict((d) => change(d, 'mine'))).toEqual({ ok: true });
  });
});
