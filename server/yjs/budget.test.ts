import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, removeCard, updateCard } from '../../lib/board/ops';
import { buildBoardDoc } from '../../lib/board/doc';
import { BoardSizeGuard, ConnectionBudget, TokenBucket } from './budget';

describe('TokenBucket', () => {
  it('allows a burst, then the steady rate', () => {
    let t = 0;
    const b = new TokenBucket(10, 5, () => t);
    expect(b.take(10)).toBe(true);
    expect(b.take(1)).toBe(false);
    t = 1000; // one second: 5 tokens back
    expect(b.take(5)).toBe(true);
    expect(b.take(1)).toBe(false);
    t = 60_000; // never more than the burst
    expect(b.take(11)).toBe(false);
    expect(b.take(10)).toBe(true);
  });
});

describe('ConnectionBudget', () => {
  it('limits messages and bytes each', () => {
    let t = 0;
    const limits = { messagesPerSecond: 10, burstMessages: 3, bytesPerSecond: 100, burstBytes: 1000 };
    const byCount = new ConnectionBudget(limits, () => t);
    expect([1, 1, 1, 1].map((n) => byCount.admit(n))).toEqual([true, true, true, false]);
    const bySize = new ConnectionBudget(limits, () => t);
    expect(bySize.admit(900)).toBe(true);
    expect(bySize.admit(200)).toBe(false);
    t = 1000;
    expect(bySize.admit(200)).toBe(true);
  });
});

/** The update a change on a copy of `doc` makes, as a client would send it. */
function edit(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, sv);
}

describe('BoardSizeGuard', () => {
  const board = () => buildBoardDoc({ title: 'Доска', kind: 'roadmap', period: null, columns: [{ id: 'c', title: 'Этап', cards: [{ id: 'a', title: 'А' }] }] });

  it('refuses a new card past the card cap, but not an edit or a removal', () => {
    const doc = board();
    const guard = new BoardSizeGuard({ maxBytes: 1 << 20, maxCards: 1 });
    expect(guard.admit(doc, edit(doc, (d) => addCard(d, { id: 'b', columnId: 'c', title: 'Б' })))).toMatchObject({ kind: 'cards', count: 1, cap: 1 });
    expect(guard.admit(doc, edit(doc, (d) => updateCard(d, 'a', { status: 'done' })))).toBeNull();
    expect(guard.admit(doc, edit(doc, (d) => removeCard(d, 'a')))).toBeNull();
  });

  it('refuses what grows a board past its byte cap, counting what was applied, and lets deletions through', () => {
    const doc = board();
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    const guard = new BoardSizeGuard({ maxBytes: size + 3_000, maxCards: 100 });
    const first = edit(doc, (d) => updateCard(d, 'a', { result: 'x'.repeat(2_000) }));
    expect(guard.admit(doc, first)).toBeNull();
    Y.applyUpdate(doc, first);
    guard.applied(doc, first.byteLength);
    const second = edit(doc, (d) => updateCard(d, 'a', { number: 'y'.repeat(2_000) }));
    expect(guard.admit(doc, second)).toMatchObject({ kind: 'bytes', cap: size + 3_000 });
    expect(guard.admit(doc, edit(doc, (d) => removeCard(d, 'a')))).toBeNull();
  });
});
