import { and, eq, lte, ne, sql } from 'drizzle-orm';
import { compactState } from '../../lib/board/merge';
import type { Db } from '../../db/client';
import { appendAuditBatch, type AuditInput } from '../../db/audit';
import { describeDbError } from '../../db/error-text';
import { readBoardLog } from '../../db/queries/boards';
import { execRows } from '../../db/rows';
import { auditEvents, boardSnapshots, boardUpdates } from '../../db/schema';

/*
 * Durable board persistence: a group commit of the update log plus the audit rows that
 * describe those updates, one transaction for all boards with pending writes, at most
 * `commitWindowMs` after the first pending write. If Postgres is unreachable, batches stay
 * queued in order and are retried with backoff; live editing goes on, and nothing is dropped.
 */
export type PendingUpdate = { update: Uint8Array; actorId: string | null };
export type PendingAudit = Omit<AuditInput, 'boardId' | 'orgId'>;
type BoardQueue = { orgId: string; updates: PendingUpdate[]; audits: PendingAudit[]; sinceSnapshot: { count: number; bytes: number } };
export type CommittedAudit = typeof auditEvents.$inferSelect;

export type PersistenceOptions = {
  db: () => Db;
  log: (msg: string) => void;
  commitWindowMs?: number;
  compactAfter?: { updates: number; bytes: number };
  onCommitted?: (boardId: string, rows: CommittedAudit[]) => void;
};

export type PersistenceHealth = { state: 'ok' | 'retrying'; pendingUpdates: number; lastError: string | null };

export class BoardPersistence {
  private readonly queues = new Map<string, BoardQueue>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** Compactions under way, one per board at most. */
  private readonly compactions = new Map<string, Promise<void>>();
  /** When the oldest write not yet taken by a flush was queued: the window counts from it. */
  private pendingSince: number | null = null;
  private failures = 0;
  private lastError: string | null = null;
  private readonly commitWindowMs: number;
  private readonly compactAfter: { updates: number; bytes: number };

  constructor(private readonly opts: PersistenceOptions) {
    this.commitWindowMs = opts.commitWindowMs ?? 50;
    this.compactAfter = opts.compactAfter ?? { updates: 500, bytes: 1 << 20 };
  }

  private queue(boardId: string, orgId: string): BoardQueue {
    let q = this.queues.get(boardId);
    if (!q) this.queues.set(boardId, (q = { orgId, updates: [], audits: [], sinceSnapshot: { count: 0, bytes: 0 } }));
    return q;
  }

  /** Queues an applied update and its audit rows; they commit together within the window. */
  enqueue(boardId: string, orgId: string, update: PendingUpdate | null, audits: PendingAudit[]) {
    const q = this.queue(boardId, orgId);
    if (update) q.updates.push(update);
    q.audits.push(...audits);
    this.pendingSince ??= performance.now();
    this.schedule(this.commitWindowMs);
  }

  /** Tells compaction how much log a freshly loaded board already has. */
  noteLoaded(boardId: string, orgId: string, logged: { count: number; bytes: number }) {
    this.queue(boardId, orgId).sinceSnapshot = { ...logged };
  }

  get health(): PersistenceHealth {
    let pendingUpdates = 0;
    for (const q of this.queues.values()) pendingUpdates += q.updates.length;
    return { state: this.failures > 0 ? 'retrying' : 'ok', pendingUpdates, lastError: this.lastError };
  }

  private schedule(delay: number) {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.round();
    }, delay);
  }

  /**
   * Writes everything queued now; resolves when it is committed (or has failed once) and
   * the compactions it started are done.
   */
  async flush(): Promise<void> {
    await this.round();
    await Promise.all(this.compactions.values());
  }

  /** One commit round. Compactions it starts run on their own, not holding up the next round. */
  private round(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.round());
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.pendingSince = null;
    this.flushing = this.writeAll().finally(() => {
      this.flushing = null;
      if (!this.hasPending()) return;
      // What came in during this flush has waited already: it is due one window after it came.
      const waited = this.pendingSince === null ? 0 : performance.now() - this.pendingSince;
      this.schedule(this.failures ? this.backoff() : Math.max(0, this.commitWindowMs - waited));
    });
    return this.flushing;
  }

  private hasPending() {
    for (const q of this.queues.values()) if (q.updates.length || q.audits.length) return true;
    return false;
  }

  private backoff() {
    return Math.min(5_000, 100 * 2 ** Math.min(this.failures - 1, 6));
  }

  /**
   * One transaction for every board with pending writes: their log rows in one insert, each
   * board's audit rows appended to its chain (boards in id order, so two instances take the
   * chain locks in the same order). If it fails, the round falls back to one transaction per
   * board, several at once, so that one board's bad batch cannot hold the others back (each
   * board's batches stay in order; a failure stops starting new boards this round, and the
   * failed batches go back in front of their queues).
   */
  private async writeAll() {
    const due = [...this.queues].filter(([, q]) => q.updates.length || q.audits.length).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (due.length === 0) return;
    const wasFailing = this.failures > 0;
    let failed: Error | null = null;
    let wrote = 0;
    const together = await this.writeBoards(due);
    if (!together) wrote = due.length;
    else if (due.length === 1) failed = together;
    else {
      let next = 0;
      const worker = async () => {
        while (next < due.length && !failed) {
          const [boardId, q] = due[next++];
          const err = await this.writeBoards([[boardId, q]]);
          if (err) failed ??= err;
          else wrote++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, due.length) }, worker));
    }
    for (const [boardId, q] of due) {
      const over = q.sinceSnapshot.count >= this.compactAfter.updates || q.sinceSnapshot.bytes >= this.compactAfter.bytes;
      if (over && !this.compactions.has(boardId)) {
        const done = this.compact(boardId)
          .then(() => {}, (err) => this.opts.log(`persistence: compaction of ${boardId} failed: ${describeDbError(err)}`))
          .finally(() => this.compactions.delete(boardId));
        this.compactions.set(boardId, done);
      }
    }
    if (failed) {
      this.failures++;
      const message = describeDbError(failed); // the log and /api/health never see the values
      if (this.failures === 1 || message !== this.lastError) {
        this.opts.log(`persistence: cannot write to the database (${message}); keeping ${this.health.pendingUpdates} update(s) in memory and retrying`);
      }
      this.lastError = message;
    } else if (wrote) {
      if (wasFailing) this.opts.log(`persistence: database reachable again; wrote the queued update(s) of ${wrote} board(s)`);
      this.failures = 0;
      this.lastError = null;
    }
  }

  /** Writes the boards' queued batches in one transaction; on failure puts them back in front, in order, and returns the error. */
  private async writeBoards(boards: [string, BoardQueue][]): Promise<Error | null> {
    const taken = boards.map(([boardId, q]) => ({ boardId, q, updates: q.updates.splice(0), audits: q.audits.splice(0) }));
    let committed: CommittedAudit[][];
    try {
      committed = await this.opts.db().transaction(async (tx) => {
        const rows = taken.flatMap((t) => t.updates.map((u) => ({ boardId: t.boardId, update: u.update, actorId: u.actorId })));
        for (let i = 0; i < rows.length; i += INSERT_ROWS) await tx.insert(boardUpdates).values(rows.slice(i, i + INSERT_ROWS));
        const audits: CommittedAudit[][] = [];
        for (const t of taken) audits.push(await appendAuditBatch(tx, t.boardId, t.q.orgId, t.audits));
        return audits;
      });
    } catch (err) {
      // Put the batches back in front, in order: nothing is lost, they are retried.
      for (const t of taken) {
        t.q.updates.unshift(...t.updates);
        t.q.audits.unshift(...t.audits);
      }
      return err as Error;
    }
    taken.forEach((t, i) => {
      t.q.sinceSnapshot.count += t.updates.length;
      t.q.sinceSnapshot.bytes += t.updates.reduce((n, u) => n + u.update.byteLength, 0);
      if (committed[i].length) this.opts.onCommitted?.(t.boardId, committed[i]);
    });
    return null;
  }

  /**
   * Folds the board's log into one snapshot. Runs under an advisory lock (one compactor
   * per board across instances) in REPEATABLE READ, so the rows it deletes are exactly
   * the rows it merged, even while other instances append.
   */
  async compact(boardId: string): Promise<{ merged: number } | null> {
    const result = await this.opts.db().transaction(
      async (tx) => {
        // pg_try_: a second compactor simply skips this round.
        const [{ locked }] = await execRows<{ locked: boolean }>(tx, sqlTryLock(boardId));
        if (!locked) return null;
        const { snapshot, log, parts } = await readBoardLog(tx, boardId);
        if (log.length === 0) return { merged: 0 };
        const upTo = Math.max(log[log.length - 1].seq, snapshot?.upToSeq ?? 0);
        const state = compactState(parts);
        const [created] = await tx.insert(boardSnapshots).values({ boardId, state, upToSeq: upTo }).returning({ id: boardSnapshots.id });
        await tx.delete(boardUpdates).where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, upTo)));
        await tx.delete(boardSnapshots).where(and(eq(boardSnapshots.boardId, boardId), ne(boardSnapshots.id, created.id)));
        return { merged: log.length };
      },
      { isolationLevel: 'repeatable read' },
    );
    const q = this.queues.get(boardId);
    if (result && q) q.sinceSnapshot = { count: 0, bytes: 0 };
    return result;
  }

  /** Forgets a board that has been unloaded and fully written. */
  release(boardId: string) {
    const q = this.queues.get(boardId);
    if (q && !q.updates.length && !q.audits.length) this.queues.delete(boardId);
  }

  async close() {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Boards written at once when they fall back to a transaction each: the pool (10 connections) keeps room for sign-ins, upgrades and pages. */
const WRITE_CONCURRENCY = 4;
/** Log rows per insert statement: three parameters each, well under Postgres's 65,535. */
const INSERT_ROWS = 5_000;

const sqlTryLock = (boardId: string) => sql`select pg_try_advisory_xact_lock(hashtextextended(${`compact:${boardId}`}, 0)) as locked`;
