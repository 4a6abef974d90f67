import { describe, expect, it } from 'vitest';
import type { BoardView } from './doc';
import { ownPairPeople } from './pairs';

const card = (id: string, fields: Record<string, unknown>) => ({ id, columnId: 'c', order: 'a', title: id, description: '', fields });
const view: BoardView = {
  title: 'Пары',
  kind: 'pairs',
  columns: [
    {
      id: 'c',
      title: 'Встреча',
      order: 'a',
      cards: [
        card('own', { mentorId: 'me', menteeIds: ['m1', 'm2'], comments: [{ id: 'x', authorId: 'curator', at: '', text: 'ok' }] }),
        card('other', { mentorId: 'someone', menteeIds: ['m3'], comments: [{ id: 'y', authorId: 'head', at: '', text: 'ok' }] }),
        card('bad', { mentorId: 'me', menteeIds: 'not a list', comments: [null, { authorId: 7 }] }),
      ],
    },
  ],
};

describe('ownPairPeople', () => {
  it("names the mentor, its own pairs' mentees and their comments' authors, nobody from other pairs", () => {
    expect([...ownPairPeople(view, 'me')].sort()).toEqual(['curator', 'm1', 'm2', 'me']);
  });
  it('a mentor without pairs knows only itself', () => {
    expect([...ownPairPeople(view, 'nobody')]).toEqual(['nobody']);
  });
});
