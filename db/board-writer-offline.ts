import { and, eq, lte, ne, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { auditRow, type BoardAuditRow } from '../lib/audit/audit-row';
import { BoardProjector } from '../lib/audit/projector';
import { mergeMany } from '../lib/board/merge';
import { applyPairCardOp, moveReasons, pairAuditEvents, reconcileOps, type PairCardOp } from '../lib/board/pair-cards';
import { applyRestore, type RestoreOp } from '../lib/history/restore';
import { AppError } from '../lib/errors';
import type { BoardKind } from '../lib/permissions/roles';
import type { BoardWriter } from './board-writer';
import type { Db } from './client';
import { appendAuditBatch } from './audit';
import { loadBoardPairs } from './queries/board-pairs';
import { boardLogLockKey, readBoardLog } from './queries/boards';
import { boards, boardSnapshots, boardUpdates } from './schema';

/*
 * The board writer when no live server runs in this process (seed, CLIs, tests without a
 * server): in ONE transaction, under the board's log lock (the lock compaction takes, so two
 * offline writes never lose each other and never race a compaction), it loads the board's stored
 * state (snapshot + log, as loadBoardLog does), makes the cards agree with the pairs table
 * (reconciliation, actor null; the pairs the ops name are left to the ops, and reconciled after
 * them only if the ops could not write their cards), applies the ops (lib/board/pair-cards.ts), and appends the Yjs
 * update(s) to board_updates and their audit rows to the board's chain (db/audit.ts, as the
 * live persistence does), projected as the live path projects them (BoardProjector +
 * pairAuditEvents: a move between stages is `pair.stage_changed`).
 * A live room of the same board in ANOTHER process would not see these writes until it reloads
 * the board: with a server running, its registered live writer must be used (boardWriterFor).
 * Restores (lib/history/restore.ts) are stored the same way, audited as the restore they are.
 */
/** Log rows since the snapshot past which the offline writer compacts (the live persistence's default). */
export const OFFLINE_COMPACT_AFTER = 500;

export function offlineBoardWriter(db: Db): BoardWriter {
  return {
    pairCards: (boardId, actorId, ops) => writePairCardsOffline(db, boardId, actorId, ops),
    pairsChanged() {}, // no open rooms here
    restore: (boardId, actorId, op) => writeRestoreOffline(db, boardId, actorId, op),
  };
}

type StoredBoard = { orgId: string; kind: BoardKind };
type Written<T> = { rows: { update: Uint8Array; actorId: string | null }[]; audits: BoardAuditRow[]; result: T };

/**
 * In one transaction under the board's log lock: loads the stored board into a document with a
 * projector, lets `write` change it, then appends its updates and audit rows, and folds a long log
 * into a snapshot.
 */
async function writeStored<T>(
  db: Db,
  boardId: string,
  write: (ctx: { tx: Db; board: StoredBoard; doc: Y.Doc; projector: BoardProjector }) => Promise<Written<T>>,
  compactAfter = OFFLINE_COMPACT_AFTER,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${boardLogLockKey(boardId)}, 0))`);
    const [board] = await tx.select({ orgId: boards.orgId, kind: boards.kind }).from(boards).where(eq(boards.id, boardId));
    if (!board) throw new AppError('NOT_FOUND', 'board not found');
    const { parts, log } = await readBoardLog(tx, boardId);
    const doc = new Y.Doc({ gc: true });
    try {
      if (parts.length) Y.applyUpdate(doc, mergeMany(parts));
      const projector = new BoardProjector(doc);
      const { rows, audits, result } = await write({ tx, board, doc, projector });
      if (rows.length === 0) return result;
      const inserted = await tx.insert(boardUpdates).values(rows.map((r) => ({ boardId, update: r.update, actorId: r.actorId }))).returning({ seq: boardUpdates.seq });
      await appendAuditBatch(tx, boardId, board.orgId, audits);
      // A long log is folded into a snapshot here too, as the live persistence does after 500
      // updates (a seed or a CLI forming hundreds of pairs would otherwise leave every later
      // load merging them all). Under the same lock, in the same transaction: nothing is lost.
      if (log.length + inserted.length >= compactAfter) {
        const upToSeq = Math.max(...inserted.map((r) => r.seq));
        const [snap] = await tx.insert(boardSnapshots).values({ boardId, state: Y.encodeStateAsUpdate(doc), upToSeq }).returning({ id: boardSnapshots.id });
        await tx.delete(boardUpdates).where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, upToSeq)));
        await tx.delete(boardSnapshots).where(and(eq(boardSnapshots.boardId, boardId), ne(boardSnapshots.id, snap.id)));
      }
      return result;
    } finally {
      doc.destroy();
    }
  });
}

export async function writePairCardsOffline(db: Db, boardId: string, actorId: string | null, ops: PairCardOp[]): Promise<void> {
  await writeStored(db, boardId, async ({ tx, board, doc, projector }) => {
    if (board.kind !== 'pairs') throw new Error(`board ${boardId} is not a pairs board: no pair cards are written to it`);
    const now = new Date();
    const rows: { update: Uint8Array; actorId: string | null }[] = [];
    const audits: BoardAuditRow[] = [];
    const step = (actor: string | null, list: PairCardOp[]) => {
      if (list.length === 0) return;
      const sv = Y.encodeStateVector(doc);
      const events = projector.capture(() => {
        for (const op of list) applyPairCardOp(doc, op);
      });
      if (events.length === 0) return;
      rows.push({ update: Y.encodeStateAsUpdate(doc, sv), actorId: actor });
      audits.push(...pairAuditEvents(board.kind, events, moveReasons(list)).map((e) => auditRow(actor, now, e)));
    };
    const pairs = await loadBoardPairs(tx, boardId);
    const named = new Set(ops.map((o) => o.pairId));
    step(null, reconcileOps(doc, pairs, named));
    step(actorId, ops);
    // A pair the ops named whose card they could not write (a move of a card lost in a crash) gets it now.
    step(null, reconcileOps(doc, pairs.filter((p) => named.has(p.id))).filter((f) => f.op === 'add'));
    return { rows, audits, result: undefined };
  });
}

/** A restore written to the stored board (no live server in this process): applied, logged and audited in one transaction. */
export async function writeRestoreOffline(db: Db, boardId: string, actorId: string, op: RestoreOp): Promise<{ cardId: string }> {
  return writeStored(db, boardId, async ({ board, doc, projector }) => {
    const sv = Y.encodeStateVector(doc);
    const { cardId, row } = applyRestore(doc, projector, op, board.kind);
    return { rows: [{ update: Y.encodeStateAsUpdate(doc, sv), actorId }], audits: [auditRow(actorId, new Date(), row)], result: { cardId } };
  });
}

/** A dated edit of a stored board by one actor (lib/board/ops on the document). */
export type DatedEdit = { actorId: string | null; at: Date; apply: (doc: Y.Doc) => void };

/**
 * Edits of a roadmap board stored as if made live at their times, in one transaction: each edit's
 * update is logged and its projected events audited at its `at` (the live path's rows, without
 * the typing coalescer: one edit, one row per change), then the log is folded into a snapshot,
 * as compaction would have done long since. For a seed that gives the demo a history
 * (db/seed-demo.ts); never for a board a live server in this process has open.
 */
export async function writeDatedEditsOffline(db: Db, boardId: string, edits: readonly DatedEdit[]): Promise<void> {
  await writeStored(db, boardId, async ({ board, doc, projector }) => {
    if (board.kind !== 'roadmap') throw new Error(`board ${boardId} is not a roadmap board: dated edits are for roadmaps`);
    const rows: { update: Uint8Array; actorId: string | null }[] = [];
    const audits: BoardAuditRow[] = [];
    for (const edit of edits) {
      const sv = Y.encodeStateVector(doc);
      const events = projector.capture(() => edit.apply(doc));
      if (events.length === 0) continue;
      rows.push({ update: Y.encodeStateAsUpdate(doc, sv), actorId: edit.actorId });
      audits.push(...events.map((e) => auditRow(edit.actorId, edit.at, e)));
    }
    return { rows, audits, result: undefined };
  }, 1);
}
