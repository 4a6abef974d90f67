import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { colorFor } from '../../lib/board/presence';
import { AwarenessGuard } from './awareness-guard';

/** An awareness update as a stock client sends it, for a chosen client id and state. */
function said(clientId: number, state: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const a = new awarenessProtocol.Awareness(doc);
  a.setLocalState(state as Record<string, unknown> | null);
  const update = awarenessProtocol.encodeAwarenessUpdate(a, [clientId]);
  a.destroy();
  return update;
}
function relayed(update: Uint8Array | null) {
  const a = new awarenessProtocol.Awareness(new Y.Doc());
  if (update) awarenessProtocol.applyAwarenessUpdate(a, update, 'test');
  const states = Object.fromEntries(a.getStates());
  a.destroy();
  return states;
}

describe('the awareness guard', () => {
  const curator = { userId: 'u-curator', name: 'Куратор' };
  const viewer = { userId: 'u-viewer', name: 'Наблюдатель' };

  it("relays a connection's own client id with the session's user", () => {
    const guard = new AwarenessGuard();
    const { update, refused } = guard.admit(curator, said(11, { user: { id: 'x', name: 'Подмена', color: 'url(http://evil.example/)' }, editing: 'card-1' }));
    expect(refused).toEqual([]);
    expect(relayed(update)[11]).toEqual({ user: { id: 'u-curator', name: 'Куратор', color: colorFor('u-curator') }, editing: 'card-1' });
  });

  it("refuses another user's client id, a second id on one connection, oversized and non-object states", () => {
    const guard = new AwarenessGuard();
    guard.admit(curator, said(11, { editing: null }));
    expect(guard.admit(viewer, said(11, { editing: 'x' })).refused[0]).toMatch(/another user's client id/);
    expect(guard.admit(viewer, said(11, null)).update).toBeNull(); // nor may it remove the curator's presence
    expect(guard.admit(viewer, said(12, { editing: null })).refused).toEqual([]);
    expect(guard.admit(viewer, said(13, { editing: null })).refused[0]).toMatch(/speaks for client 12/);
    expect(guard.admit(viewer, said(12, { pad: 'x'.repeat(3000) })).refused[0]).toMatch(/cap 2048/);
  });

  it('lets the same user take its id over from a stale connection, and frees ids of leaving connections', () => {
    const guard = new AwarenessGuard();
    const old = { ...curator };
    const fresh = { ...curator };
    guard.admit(old, said(11, { editing: null }));
    expect(guard.admit(fresh, said(11, { editing: 'c' })).refused).toEqual([]);
    expect(guard.release(old)).toEqual([]); // the stale one leaving does not remove the live presence
    expect(guard.release(fresh)).toEqual([11]);
    expect(guard.admit(viewer, said(11, { editing: null })).refused).toEqual([]);
  });
});
