import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forgeUpdate } from '../../tests/helpers/yjs-forge';
import { dropPending, unmetDependencies } from './update-check';

/** A board the server holds, with one edit by a "curator" client, and a peer in sync with it. */
function board() {
  const server = new Y.Doc();
  const curator = new Y.Doc();
  curator.clientID = 1000;
  curator.getMap('cards').set('a', 'first');
  Y.applyUpdate(server, Y.encodeStateAsUpdate(curator));
  const check = (update: Uint8Array) => unmetDependencies(server, Y.decodeUpdate(update));
  const next = Y.getState(server.store, curator.clientID);
  return { server, curator, check, next };
}
const any = (v: unknown) => new Y.ContentAny([v]);

describe('dependencies of an update', () => {
  it('accepts what honest peers send: a synced edit, a step 2 after offline work, deletions of known items', () => {
    const { server, curator, check } = board();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(peer);
    peer.getMap('cards').set('b', 'second');
    peer.getMap('cards').delete('a');
    expect(check(Y.encodeStateAsUpdate(peer, sv))).toBeNull();

    // Offline: several transactions, of two clients, sent as one step 2 against the server's state.
    curator.getMap('cards').set('c', 'offline 1');
    peer.getMap('cards').set('d', 'offline 2');
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(curator));
    peer.getMap('cards').delete('c');
    expect(check(Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server)))).toBeNull();
    expect(check(Y.encodeStateAsUpdate(peer))).toBeNull(); // everything again: harmless
  });

  it("refuses a struct whose origin is another client's next clock, unless the update brings it", () => {
    const { check, next, curator, server } = board();
    const forged = forgeUpdate([{ client: 7, clock: 0, origin: { client: curator.clientID, clock: next }, content: any('чужое') }]);
    expect(check(forged)).toMatch(/depends on 1000:1/);
    const right = forgeUpdate([{ client: 7, clock: 0, rightOrigin: { client: curator.clientID, clock: next + 5 }, content: any('x') }]);
    expect(check(right)).toMatch(/depends on/);
    const parent = forgeUpdate([{ client: 7, clock: 0, parent: { client: curator.clientID, clock: next }, parentSub: 'k', content: any('x') }]);
    expect(check(parent)).toMatch(/depends on/);

    // The same struct together with what it depends on is fine (a relayed offline edit).
    const sv = Y.encodeStateVector(server);
    curator.getMap('cards').set('b', 'next');
    const both = Y.mergeUpdates([Y.encodeStateAsUpdate(curator, sv), forged]);
    expect(check(both)).toBeNull();
  });

  it('refuses a gap in a client, a client twice, a forward reference to its own client, and a cycle', () => {
    const { check, curator, next } = board();
    expect(check(forgeUpdate([{ client: curator.clientID, clock: next + 3, parent: 'cards', parentSub: 'z', content: any(1) }]))).toMatch(/gap/);
    expect(check(forgeUpdate([{ client: 7, clock: 0, origin: { client: 7, clock: 4 }, content: any(1) }]))).toMatch(/not before it/);
    const cycle = forgeUpdate([
      { client: 7, clock: 0, origin: { client: 8, clock: 0 }, content: any(1) },
      { client: 8, clock: 0, origin: { client: 7, clock: 0 }, content: any(2) },
    ]);
    expect(check(cycle)).toMatch(/cycle/);
    const a = forgeUpdate([{ client: 7, clock: 0, parent: 'cards', parentSub: 'p', content: any(1) }]);
    const doubled = new Uint8Array([2, ...a.slice(1, a.length - 1), ...a.slice(1, a.length - 1), 0]);
    expect(check(doubled)).toMatch(/twice/);
  });

  it('refuses a delete set reaching beyond the board and the update, and takes one inside them', () => {
    const { check, curator, next } = board();
    expect(check(forgeUpdate([], [{ client: curator.clientID, clock: next, len: 1 }]))).toMatch(/deletes 1000:1\+1/);
    expect(check(forgeUpdate([], [{ client: curator.clientID, clock: 0, len: next + 1 }]))).toMatch(/beyond/);
    expect(check(forgeUpdate([], [{ client: curator.clientID, clock: 0, len: next }]))).toBeNull();
    const own = forgeUpdate([{ client: 7, clock: 0, parent: 'cards', parentSub: 'q', content: any(1) }], [{ client: 7, clock: 0, len: 1 }]);
    expect(check(own)).toBeNull();
  });

  it('what the check accepts leaves nothing pending; what it refuses would have', () => {
    const { server, curator, next, check } = board();
    const forged = forgeUpdate([{ client: 7, clock: 0, origin: { client: curator.clientID, clock: next }, content: any('x') }], [{ client: curator.clientID, clock: next, len: 1 }]);
    expect(check(forged)).not.toBeNull();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(copy, forged);
    expect(copy.store.pendingStructs).not.toBeNull();
    expect(copy.store.pendingDs).not.toBeNull();
    expect(dropPending(copy)).toBe(true);
    expect(copy.store.pendingStructs).toBeNull();
    expect(dropPending(copy)).toBe(false);
  });
});
