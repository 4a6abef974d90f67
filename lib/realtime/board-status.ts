import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/*
 * Whether a board's edits are being saved, told over the board's own y-websocket
 * connection: the message reaches exactly the people editing that board, at once, with no
 * polling and no second connection (the socket.io feed is for the audit, which not every
 * editor may read). It is a message type of our own, sent only to a connection that asked
 * for it with `?status=1` in its URL; the stock WebsocketProvider, which logs a message
 * type it does not know, never receives one unless it asks.
 *
 * - saving 'ok': everything sent has been stored (or is within the commit window);
 * - 'failing': the server cannot write this board now; it keeps the edits in memory and
 *   retries, the browser keeps them in IndexedDB; they are lost if both go;
 * - 'refused': the server refused an edit of this connection (the board is at its size cap).
 */
export const MESSAGE_BOARD_STATUS = 100;
export const STATUS_PARAM = 'status';

export type SavingState = 'ok' | 'failing' | 'refused';
export type BoardStatus = { saving: SavingState; reason?: 'database' | 'board-full' };

export function encodeBoardStatus(status: BoardStatus): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_BOARD_STATUS);
  encoding.writeVarString(enc, JSON.stringify(status));
  return encoding.toUint8Array(enc);
}

/** Reads the status after the message type; anything unexpected reads as null. */
export function readBoardStatus(dec: decoding.Decoder): BoardStatus | null {
  try {
    const v = JSON.parse(decoding.readVarString(dec)) as { saving?: unknown; reason?: unknown };
    if (v.saving !== 'ok' && v.saving !== 'failing' && v.saving !== 'refused') return null;
    const reason = v.reason === 'database' || v.reason === 'board-full' ? v.reason : undefined;
    return { saving: v.saving, ...(reason ? { reason } : {}) };
  } catch {
    return null;
  }
}
