import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** The y-websocket message type of sync messages. */
const MESSAGE_SYNC = 0;

/**
 * The answer to a client's SyncStep1 from a board's stored bytes, given while the room's
 * document is still being built: the SyncStep2 to send, or null when the client should wait for
 * the document. Only a board stored as its snapshot alone is answered so: a snapshot is encoded
 * from a document (lib/board/merge.ts compactState), so what was erased is gone from it, while
 * log rows still carry the text of later deletions, and a reader must not receive what an editor
 * erased. A board with log rows since its last compaction waits for the built document, whose
 * garbage collection drops them. A client with nothing gets the snapshot as it is; one with a
 * state vector gets what it lacks (Y.diffUpdate). Nothing is merged or integrated.
 */
export function storedSyncReply(stored: { parts: readonly Uint8Array[]; logRows: number }, stateVector: Uint8Array): Uint8Array | null {
  if (stored.logRows > 0 || stored.parts.length > 1) return null;
  const state = stored.parts[0] ?? Y.encodeStateAsUpdate(new Y.Doc());
  const empty = Y.decodeStateVector(stateVector).size === 0;
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(enc, empty ? state : Y.diffUpdate(state, stateVector));
  return encoding.toUint8Array(enc);
}
