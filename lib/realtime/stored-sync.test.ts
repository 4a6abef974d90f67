import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactState } from '../board/merge';
import { storedSyncReply } from './stored-sync';

/** A sync message applied to a client's document, as the stock provider does; its sync message kind. */
function receive(doc: Y.Doc, message: Uint8Array) {
  const dec = decoding.createDecoder(message);
  expect(decoding.readVarUint(dec)).toBe(0);
  const kind = decoding.readVarUint(dec);
  Y.applyUpdate(doc, decoding.readVarUint8Array(dec));
  return kind;
}

describe('a SyncStep1 answered from the stored bytes', () => {
  const board = new Y.Doc();
  const rows: Uint8Array[] = [];
  board.on('update', (u: Uint8Array) => rows.push(u));
  board.getText('t').insert(0, 'снимок: секрет');
  board.getText('t').delete(7, 7); // erased before the compaction
  const snapshot = compactState(rows);
  const bytes = (u: Uint8Array) => Buffer.from(u).toString();

  it('gives an empty client the snapshot as it is, as its SyncStep2, without what was erased', () => {
    const client = new Y.Doc();
    const reply = storedSyncReply({ parts: [snapshot], logRows: 0 }, Y.encodeStateVector(client))!;
    expect(receive(client, reply)).toBe(1);
    expect(client.getText('t').toString()).toBe('снимок:');
    expect(bytes(reply)).not.toContain('секрет');
  });

  it('gives a client with part of the board what it lacks', () => {
    const early = new Y.Doc();
    Y.applyUpdate(early, rows[0]);
    const reply = storedSyncReply({ parts: [snapshot], logRows: 0 }, Y.encodeStateVector(early))!;
    receive(early, reply);
    expect(early.getText('t').toString()).toBe('снимок:');
  });

  it('leaves a board with log rows since its snapshot to the built document: the rows still carry erased text', () => {
    expect(bytes(rows[0])).toContain('секрет');
    expect(storedSyncReply({ parts: [snapshot, ...rows], logRows: rows.length }, Y.encodeStateVector(new Y.Doc()))).toBeNull();
    expect(storedSyncReply({ parts: rows, logRows: rows.length }, Y.encodeStateVector(new Y.Doc()))).toBeNull();
  });
});
