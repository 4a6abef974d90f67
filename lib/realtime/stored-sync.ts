import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** The y-websocket message type of sync messages. */
const MESSAGE_SYNC = 0;
/**
 * Past this many stored parts, the client waits for the built document: one message per log row
 * (or a diff of each against a client's state vector) would cost more than the build saves. A
 * board's log is compacted long before (server/yjs/persistence.ts compactAfter), so only a board
 * whose compaction has not run yet gets here.
 */
export const MAX_STORED_PARTS = 1000;

/**
 * The answer to a client's SyncStep1 from a board's stored bytes (its snapshot, then the log rows
 * still kept, as the database read returned them), given while the room's document is still
 * being built: the messages to send, or null when the client should wait for the document.
 * Nothing is merged or integrated: a client with nothing gets the parts as they are; one with a
 * state vector gets each part less what it has (Y.diffUpdate), which together is what it lacks.
 * Every part but the last goes as an update and the last as the SyncStep2, so that a client
 * counts itself synced only once it holds the whole board.
 */
export function storedSyncReply(parts: readonly Uint8Array[], stateVector: Uint8Array): Uint8Array[] | null {
  if (parts.length > MAX_STORED_PARTS) return null;
  const empty = Y.decodeStateVector(stateVector).size === 0;
  const updates = parts.length === 0 ? [Y.encodeStateAsUpdate(new Y.Doc())] : empty ? parts : parts.map((p) => Y.diffUpdate(p, stateVector));
  return updates.map((update, i) => {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    encoding.writeVarUint(enc, i === updates.length - 1 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate);
    encoding.writeVarUint8Array(enc, update);
    return encoding.toUint8Array(enc);
  });
}
