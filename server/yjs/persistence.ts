import { and, asc, desc, eq, lte, ne, sql } from 'drizzle-orm';
import { compactState } from '../../lib/board/merge';
import type { Db } from '../../db/client';
import { appendAuditBatch, type AuditInput } from '../../db/audit';
import { execRows } from '../../db/rows';
import { auditEvents, boardSnapshots, boardUpdates } from '../../db/schema';

/*
 * Durable board persistence: a group commit of the update log plus the audit rows that
 * describe those updates, in one transaction per board, at most `commitWindowMs` after the
 * first pending write. If Postgres is unreachable, batches stay queued in order and are
 * retried with backoff; live editing goes on, and nothing is dropped.
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
      void this.flush();
    }, delay);
  }

  /** Writes everything queued now; resolves when it is committed (or has failed once). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
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
   * One transaction per board, several boards at once (each board's batches stay in order:
   * a board is written by one transaction per round). A failure stops starting new boards
   * this round; the failed batches go back in front of their queues.
   */
  private async writeAll() {
    const due = [...this.queues].filter(([, q]) => q.updates.length || q.audits.length);
    let next = 0;
    let failed: Error | null = null;
    let wrote = 0;
    const wasFailing = this.failures > 0;
    const worker = async () => {
      while (next < due.length && !failed) {
        const [boardId, q] = due[next++];
        const err = await this.writeBoard(boardId, q);
        if (err) failed ??= err;
        else wrote++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, due.length) }, worker));
    if (failed) {
      this.failures++;
      const message = (failed as Error).message;
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

  /** Writes one board's queued batch; on failure puts it back in front, in order, and returns the error. */
  private async writeBoard(boardId: string, q: BoardQueue): Promise<Error | null> {
    const updates = q.updates.splice(0);
    const audits = q.audits.splice(0);
    let rows: CommittedAudit[];
    try {
      rows = await this.opts.db().transaction(async (tx) => {
        if (updates.length) {
          await tx.insert(boardUpdates).values(updates.map((u) => ({ boardId, update: u.update, actorId: u.actorId })));
        }
        return appendAuditBatch(tx, boardId, q.orgId, audits);
      });
    } catch (err) {
      // Put the batch back in front, in order: nothing is lost, it is retried with backoff.
      q.updates.unshift(...updates);
      q.audits.unshift(...audits);
      return err as Error;
    }
    q.sinceSnapshot.count += updates.length;
    q.sinceSnapshot.bytes += updates.reduce((n, u) => n + u.update.byteLength, 0);
    if (rows.length) this.opts.onCommitted?.(boardId, rows);
    if (q.sinceSnapshot.count >= this.compactAfter.updates || q.sinceSnapshot.bytes >= this.compactAfter.bytes) {
      await this.compact(boardId).catch((err) => this.opts.log(`persistence: compaction of ${boardId} failed: ${(err as Error).message}`));
    }
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
        const [snapshot] = await tx
          .select()
          .from(boardSnapshots)
          .where(eq(boardSnapshots.boardId, boardId))
          .orderBy(desc(boardSnapshots.upToSeq), desc(boardSnapshots.id))
          .limit(1);
        const logged = await tx
          .select({ seq: boardUpdates.seq, update: boardUpdates.update })
          .from(boardUpdates)
          .where(eq(boardUpdates.boardId, boardId))
          .orderBy(asc(boardUpdates.seq));
        if (logged.length === 0) return { merged: 0 };
        const upTo = Math.max(logged[logged.length - 1].seq, snapshot?.upToSeq ?? 0);
        const state = compactState([...(snapshot ? [snapshot.state] : []), ...logged.map((l) => l.update)]);
        const [created] = await tx.insert(boardSnapshots).values({ boardId, state, upToSeq: upTo }).returning({ id: boardSnapshots.id });
        await tx.delete(boardUpdates).where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, upTo)));
        await tx.delete(boardSnapshots).where(and(eq(boardSnapshots.boardId, boardId), ne(boardSnapshots.id, created.id)));
        return { merged: logged.length };
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


/** Boards written at once: the pool (10 connections) keeps room for sign-ins, upgrades and pages. */
const WRITE_CONCURRENCY = 4;

const sqlTryLock = (boardId: string) => sql`select pg_try_advisory_xact_lock(hashtextextended(${`compact:${boardId}`}, 0)) as locked`;
