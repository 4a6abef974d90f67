import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedSyncReply } from './stored-sync';

/** The sync messages applied in order to a client's document, as the stock provider does; whether the last was its SyncStep2. */
function receive(doc: Y.Doc, messages: Uint8Array[]) {
  const kinds = messages.map((m) => {
    const dec = decoding.createDecoder(m);
    expect(decoding.readVarUint(dec)).toBe(0);
    const kind = decoding.readVarUint(dec);
    Y.applyUpdate(doc, decoding.readVarUint8Array(dec));
    return kind;
  });
  return kinds;
}

describe('a SyncStep1 answered from the stored bytes', () => {
  const board = new Y.Doc();
  board.getText('t').insert(0, 'снимок');
  const snapshot = Y.encodeStateAsUpdate(board);
  const rows: Uint8Array[] = [];
  board.on('update', (u: Uint8Array) => rows.push(u));
  board.getText('t').insert(6, ' и журнал');
  board.getText('t').delete(0, 1);

  it('gives an empty client the parts as they are, the last as its SyncStep2', () => {
    const client = new Y.Doc();
    const reply = storedSyncReply([snapshot, ...rows], Y.encodeStateVector(client))!;
    expect(receive(client, reply)).toEqual([2, 2, 1]);
    expect(client.getText('t').toString()).toBe(board.getText('t').toString());
  });

  it('gives a client with part of the board what it lacks', () => {
    const client = new Y.Doc();
    Y.applyUpdate(client, snapshot);
    const reply = storedSyncReply([snapshot, ...rows], Y.encodeStateVector(client))!;
    receive(client, reply);
    expect(client.getText('t').toString()).toBe(board.getText('t').toString());
    expect(reply[0].byteLength).toBeLessThan(snapshot.byteLength);
  });

  it('leaves any client of a long uncompacted log to the built document', () => {
    const client = new Y.Doc();
    Y.applyUpdate(client, snapshot);
    expect(storedSyncReply([snapshot, ...Array(1000).fill(rows[0])], Y.encodeStateVector(client))).toBeNull();
    expect(storedSyncReply([snapshot, ...Array(1000).fill(rows[0])], Y.encodeStateVector(new Y.Doc()))).toBeNull();
    expect(storedSyncReply([snapshot, ...Array(999).fill(rows[0])], Y.encodeStateVector(new Y.Doc()))).toHaveLength(1000);
  });
});
