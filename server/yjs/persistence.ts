import { and, eq, lte, ne, sql } from 'drizzle-orm';
import { compactState } from '../../lib/board/merge';
import type { Db } from '../../db/client';
import { appendAuditBatch, appendAuditRowByRow, type AuditInput } from '../../db/audit';
import { describeDbError } from '../../db/error-text';
import { isDataError } from '../../db/errors';
import { quarantineAuditRow } from '../../db/quarantine';
import { appendBoardLog, boardLogLockKey, readBoardLog } from '../../db/queries/boards';
import { execRows } from '../../db/rows';
import { auditEvents, boardSnapshots, boardUpdates } from '../../db/schema';

/*
 * Durable board persistence: a group commit of the update log plus the audit rows that
 * describe those updates, one transaction for all boards with pending writes, at most
 * `commitWindowMs` after the first pending write. If Postgres is unreachable, batches stay
 * queued in order and are retried with backoff; live editing goes on, and nothing is dropped.
 * If the database refuses a board's batch for its data (db/errors.ts isDataError), the batch
 * is written again row by row: the Yjs updates are stored, and an audit row it still refuses
 * is kept in audit_quarantine with an alert in the log, so one bad row never holds the
 * board's log back. While a board's writes fail, the board is reported `failing`
 * (onBoardStatus), so its editors can be told their changes are not being saved.
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
  /** A board's writes began to fail (`failing`) or succeed again (`ok`). */
  onBoardStatus?: (boardId: string, status: BoardWriteStatus) => void;
};

export type BoardWriteStatus = 'ok' | 'failing';
export type PersistenceHealth = { state: 'ok' | 'retrying'; pendingUpdates: number; lastError: string | null; quarantined: number };
/** A board's writes not known to be stored (see `unsaved()`). */
export type UnsavedBoard = { boardId: string; orgId: string; updates: PendingUpdate[]; audits: PendingAudit[] };
type Batch = { boardId: string; q: BoardQueue; updates: PendingUpdate[]; audits: PendingAudit[] };

export class BoardPersistence {
  private readonly queues = new Map<string, BoardQueue>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** Compactions under way, one per board at most. */
  private readonly compactions = new Map<string, Promise<void>>();
  /** Batches taken by a transaction that has not finished yet. */
  private readonly inFlight = new Set<Batch>();
  /** When the oldest write not yet taken by a flush was queued: the window counts from it. */
  private pendingSince: number | null = null;
  private failures = 0;
  private lastError: string | null = null;
  /** Boards whose last attempted write failed. */
  private readonly failing = new Set<string>();
  /** Audit rows kept in quarantine since start. */
  private quarantined = 0;
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
    return { state: this.failures > 0 ? 'retrying' : 'ok', pendingUpdates, lastError: this.lastError, quarantined: this.quarantined };
  }

  /** Whether the board's writes are failing now. */
  boardStatus(boardId: string): BoardWriteStatus {
    return this.failing.has(boardId) ? 'failing' : 'ok';
  }

  private setStatus(boardId: string, status: BoardWriteStatus) {
    if ((status === 'failing') === this.failing.has(boardId)) return;
    if (status === 'failing') this.failing.add(boardId);
    else this.failing.delete(boardId);
    this.opts.onBoardStatus?.(boardId, status);
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
    const written = new Set<string>();
    const together = await this.writeBoards(due);
    if (!together) for (const [boardId] of due) written.add(boardId);
    else {
      let next = 0;
      const worker = async () => {
        while (next < due.length && !failed) {
          const [boardId, q] = due[next++];
          // Alone, it was the batch that failed together: no need to try it the same way again.
          let err = due.length === 1 ? together : await this.writeBoards([[boardId, q]]);
          if (err && isDataError(err)) err = await this.writeBoards([[boardId, q]], true);
          if (err) failed ??= err;
          else written.add(boardId);
        }
      };
      await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, due.length) }, worker));
    }
    for (const [boardId, q] of due) {
      // A board not written this round still waits: its editors are told so until it is.
      this.setStatus(boardId, written.has(boardId) || !(q.updates.length || q.audits.length) ? 'ok' : 'failing');
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
    } else if (written.size) {
      if (wasFailing) this.opts.log(`persistence: database reachable again; wrote the queued update(s) of ${written.size} board(s)`);
      this.failures = 0;
      this.lastError = null;
    }
  }

  /**
   * Writes the boards' queued batches in one transaction; on failure puts them back in
   * front, in order, and returns the error. `rowByRow` (one board, after a data error):
   * audit rows the database refuses go to the quarantine instead of failing the batch.
   */
  private async writeBoards(boards: [string, BoardQueue][], rowByRow = false): Promise<Error | null> {
    const taken: Batch[] = boards.map(([boardId, q]) => ({ boardId, q, updates: q.updates.splice(0), audits: q.audits.splice(0) }));
    for (const t of taken) this.inFlight.add(t);
    const kept: { boardId: string; id: number; sha256: string; error: string }[] = [];
    let committed: CommittedAudit[][];
    const rows = taken.flatMap((t) => t.updates.map((u) => ({ boardId: t.boardId, update: u.update, actorId: u.actorId })));
    try {
      if (taken.every((t) => t.audits.length === 0) && rows.length <= INSERT_ROWS) {
        // Log rows only (typing between its audit rows, the common round): one insert statement
        // is atomic by itself, and saves the transaction's begin and commit, two round trips
        // and much of the round's CPU.
        await appendBoardLog(this.opts.db(), rows);
        committed = taken.map(() => []);
      } else committed = await this.opts.db().transaction(async (tx) => {
        kept.length = 0; // a retried transaction starts its quarantine over
        for (let i = 0; i < rows.length; i += INSERT_ROWS) await appendBoardLog(tx, rows.slice(i, i + INSERT_ROWS));
        const audits: CommittedAudit[][] = [];
        for (const t of taken) {
          if (!rowByRow) audits.push(await appendAuditBatch(tx, t.boardId, t.q.orgId, t.audits));
          else {
            const refused = async (row: unknown, err: unknown) => {
              kept.push({ boardId: t.boardId, ...(await quarantineAuditRow(tx, t.boardId, row, err)), error: describeDbError(err) });
            };
            audits.push(await appendAuditRowByRow(tx, t.boardId, t.q.orgId, t.audits, refused));
          }
        }
        return audits;
      });
    } catch (err) {
      // Put the batches back in front, in order: nothing is lost, they are retried.
      for (const t of taken) {
        t.q.updates.unshift(...t.updates);
        t.q.audits.unshift(...t.audits);
      }
      return err as Error;
    } finally {
      for (const t of taken) this.inFlight.delete(t);
    }
    for (const k of kept) {
      this.quarantined++;
      this.opts.log(
        `persistence: ALERT board ${k.boardId}: the database refused an audit row (${k.error}); the board's edits are stored, ` +
          `the row is kept in audit_quarantine (id ${k.id}, sha256 ${k.sha256})`,
      );
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

  /**
   * Shutdown: writes and retries (with the usual backoff) until nothing is left or the
   * deadline (epoch ms) passes, even if a transaction hangs. True when everything is stored.
   */
  async drain(deadline: number): Promise<boolean> {
    while (this.hasPending() || this.inFlight.size) {
      if (Date.now() >= deadline) return false;
      await Promise.race([this.flush(), sleep(deadline - Date.now())]);
      if (this.hasPending() && this.failures) await sleep(Math.min(this.backoff(), deadline - Date.now()));
    }
    return true;
  }

  /**
   * Every write not known to be stored, oldest first per board: the batches of a transaction
   * still under way (it may yet commit: replaying a Yjs update twice changes nothing), then
   * the queued ones.
   */
  unsaved(): UnsavedBoard[] {
    const byBoard = new Map<string, UnsavedBoard>();
    const add = (boardId: string, orgId: string, updates: PendingUpdate[], audits: PendingAudit[]) => {
      if (!updates.length && !audits.length) return;
      let b = byBoard.get(boardId);
      if (!b) byBoard.set(boardId, (b = { boardId, orgId, updates: [], audits: [] }));
      b.updates.push(...updates);
      b.audits.push(...audits);
    };
    for (const t of this.inFlight) add(t.boardId, t.q.orgId, t.updates, t.audits);
    for (const [boardId, q] of this.queues) add(boardId, q.orgId, q.updates, q.audits);
    return [...byBoard.values()];
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

const sqlTryLock = (boardId: string) => sql`select pg_try_advisory_xact_lock(hashtextextended(${boardLogLockKey(boardId)}, 0)) as locked`;
