import { and, asc, desc, eq, lte, ne, sql } from 'drizzle-orm';
import * as Y from 'yjs';
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
    this.flushing = this.writeAll().finally(() => {
      this.flushing = null;
      if (this.hasPending()) this.schedule(this.failures ? this.backoff() : this.commitWindowMs);
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

  private async writeAll() {
    for (const [boardId, q] of this.queues) {
      if (!q.updates.length && !q.audits.length) continue;
      const updates = q.updates.splice(0);
      const audits = q.audits.splice(0);
      try {
        const rows = await this.opts.db().transaction(async (tx) => {
          if (updates.length) {
            await tx.insert(boardUpdates).values(updates.map((u) => ({ boardId, update: u.update, actorId: u.actorId })));
          }
          return appendAuditBatch(tx, boardId, q.orgId, audits);
        });
        if (this.failures) this.opts.log(`persistence: database reachable again; wrote the ${updates.length} queued update(s)`);
        this.failures = 0;
        this.lastError = null;
        q.sinceSnapshot.count += updates.length;
        q.sinceSnapshot.bytes += updates.reduce((n, u) => n + u.update.byteLength, 0);
        if (rows.length) this.opts.onCommitted?.(boardId, rows);
        if (q.sinceSnapshot.count >= this.compactAfter.updates || q.sinceSnapshot.bytes >= this.compactAfter.bytes) {
          await this.compact(boardId).catch((err) => this.opts.log(`persistence: compaction of ${boardId} failed: ${(err as Error).message}`));
        }
      } catch (err) {
        // Put the batch back in front, in order: nothing is lost, it is retried with backoff.
        q.updates.unshift(...updates);
        q.audits.unshift(...audits);
        this.failures++;
        const message = (err as Error).message;
        if (this.failures === 1 || message !== this.lastError) {
          this.opts.log(`persistence: cannot write to the database (${message}); keeping ${q.updates.length} update(s) in memory and retrying`);
        }
        this.lastError = message;
        return;
      }
    }
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
        const state = Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...logged.map((l) => l.update)]);
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

const sqlTryLock = (boardId: string) => sql`select pg_try_advisory_xact_lock(hashtextextended(${`compact:${boardId}`}, 0)) as locked`;
