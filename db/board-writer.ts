import type { PairCardOp } from '../lib/board/pair-cards';
import type { RestoreOp } from '../lib/history/restore';
import { offlineBoardWriter } from './board-writer-offline';
import type { Db } from './client';

/*
 * The server's own writes into a board's Yjs document (DESIGN.md: a pairs-board card holds only
 * `pairId`; its column is the pair's meeting stage). Pair cards are written only through this:
 * clients may not create, delete or move them across columns (server/yjs), so the column and
 * `pairs.stage` never disagree. Domain verbs (db/queries/pairs.ts) change the tables in their
 * transaction and then call the writer, which applies the change to the live document (loading
 * the board if no one has it open), projects it into the board's audit trail (a move becomes
 * `pair.stage_changed`) and resolves once it is stored. The running server registers the live
 * writer; without one (seed, CLI, tests without a server) an offline writer appends to the
 * board's stored log directly. A card missing after a crash between the two is recreated when
 * the board is next opened (reconciliation from the `pairs` table).
 * Restores from the history (lib/history/restore.ts, db/queries/board-history.ts) take the same
 * two paths: a server write through the live room, or the stored log.
 */

/** The ops (defined with their pure application in lib/board/pair-cards.ts). */
export type { PairCardOp } from '../lib/board/pair-cards';

export interface BoardWriter {
  /** Applies the ops as the actor; resolves when they are durable. */
  pairCards(boardId: string, actorId: string | null, ops: PairCardOp[]): Promise<void>;
  /** Pairs or their mentors' accounts changed: open rooms reload who owns which pair card. */
  pairsChanged(boardId: string): void;
  /**
   * Restores what an audit event changed as the actor, against the board as it is when applied;
   * audited as card.restored / card.field_restored; resolves with the card once stored. Rejects
   * with RESTORE_NOT_APPLICABLE (the board no longer allows it) having changed nothing.
   */
  restore(boardId: string, actorId: string, op: RestoreOp): Promise<{ cardId: string }>;
}

const KEY = Symbol.for('tropa.boardWriter');
type Holder = { [KEY]?: BoardWriter };

export function setBoardWriter(writer: BoardWriter | null) {
  (globalThis as Holder)[KEY] = writer ?? undefined;
}

/** The registered writer, or null when no live server runs in this process. */
export function registeredBoardWriter(): BoardWriter | null {
  return (globalThis as Holder)[KEY] ?? null;
}

/** The writer to use: the live server's when one runs in this process, else the offline one. */
export function boardWriterFor(db: Db): BoardWriter {
  return registeredBoardWriter() ?? offlineBoardWriter(db);
}
