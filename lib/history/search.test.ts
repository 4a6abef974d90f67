import { describe, expect, it } from 'vitest';
import { historyQuery, historySearch } from './search';

const ORG = '6f1f8a52-6b7e-4c1e-9d7e-2f1b0c9a1e11';

describe('the history filter in the URL', () => {
  it('keeps what is well formed, turns days into Moscow instants for the API', () => {
    const search = historySearch({ org: ORG, type: 'card.*', from: '2026-11-01', to: '2026-11-30', cardId: 'card-1', before: '120' });
    expect(search).toEqual({ org: ORG, type: 'card.*', from: '2026-11-01', to: '2026-11-30', cardId: 'card-1', before: '120' });
    expect(historyQuery(search)).toEqual({
      org: ORG,
      type: 'card.*',
      cardId: 'card-1',
      before: '120',
      from: '2026-10-31T21:00:00.000Z', // 01.11.2026 00:00 in Moscow
      to: '2026-11-30T20:59:59.999Z', // 30.11.2026 23:59:59.999 in Moscow
    });
  });

  it('drops what a hand-edited address got wrong instead of sending it on', () => {
    expect(historySearch({ org: 'not-a-uuid', boardId: "'; drop table", type: 'card moved', from: '31.12.2026', before: '-5', cardId: 'x'.repeat(101) })).toEqual({});
    expect(historySearch({ type: ['card.moved', 'pair.*'], actorId: ` ${ORG} ` })).toEqual({ type: 'card.moved', actorId: ORG });
  });
});
