import { and, asc, desc, eq, gt, lt, lte, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { applyEvent, asOfView, contentOf, emptyBoard, stateFrom, type AsOfColumn } from '../../lib/history/replay';
import { restoreOpOf } from '../../lib/history/restore';
import type { Principal } from '../../lib/permissions';
import { boardWriterFor } from '../board-writer';
import type { Db } from '../client';
import { execRows } from '../rows';
import { auditCheckpoints, auditEvents } from '../schema';
import { getBoardFor } from './boards';

/*
 * The board as of a moment (issue 15), rebuilt from its audit trail (lib/history/replay.ts), and
 * restore from it. "As of t" is every row of the board whose `at` ≤ t, replayed in id order:
 * rows are written in the order the changes were applied, but a row may be written after later
 * ones (typing is coalesced for AUDIT_TYPING_QUIET_MS, 30 s by default, before its row is
 * written with the time of its last keystroke), so ids alone would not do.
 *
 * Checkpoints (audit_checkpoints): the state after every row up to `event_id`, with `at` the
 * latest time among those rows. One serves any t ≥ its `at`: all of its rows are then part of
 * the board as of t, and what is left is the rows after it with `at` ≤ t. They sit on a grid:
 * after every CHECKPOINT_EVERY rows of the board, counted from its first. A replay starts at the
 * nearest checkpoint (a grid point), so it meets grid points every CHECKPOINT_EVERY rows; it may
 * write one there while it has passed no row later than t (its state is then the whole prefix).
 * A checkpoint of a 1,000-card board is a few MB of JSON and takes ~0.2 s to write, so a request
 * writes at most MAX_CHECKPOINT_WRITES of them (the last grid point it passed and others spread
 * over the way); the grid fills as the board is looked at. A board's rows commit in id order (its
 * chain's advisory lock is held to commit), so no row can appear later below a checkpoint.
 */
export const CHECKPOINT_EVERY = 2000;
/** Checkpoints one request writes at most (writeCheckpoints: all of them, for a job or a bench). */
export const MAX_CHECKPOINT_WRITES = 4;
/** Rows fetched from the cursor at a time while replaying. */
const PAGE = 5000;
/** The checkpoint format; a checkpoint of another one is passed over (derived data: replaying recreates it). */
const CHECKPOINT_VERSION = 1;

type Moment = { id: number; at: string };
/** The response of GET /api/boards/<id>/as-of (DESIGN.md's shape, plus where the moment is among the events). */
export type BoardAsOf = {
  at: string;
  /** The last event applied: the board as of `at` is the board right after it (null: nothing yet). */
  eventId: number | null;
  /** The latest event before the last moment applied (step back: ask as of its `at`), and the first one after `at` (step forward). */
  prev: Moment | null;
  next: Moment | null;
  columns: AsOfColumn[];
};
export type AsOfOptions = { checkpointEvery?: number; maxCheckpointWrites?: number };

const moment = (r: { id: number; at: Date } | undefined): Moment | null => (r ? { id: r.id, at: r.at.toISOString() } : null);

/** At most `max` of `list`: the last one, and the others spread evenly before it. */
function spread<T>(list: T[], max: number): T[] {
  if (list.length <= max) return list;
  if (max <= 0) return [];
  const step = list.length / max;
  return Array.from({ length: max }, (_, i) => list[list.length - 1 - Math.floor(i * step)]).reverse();
}

type ReplayedRow = { id: number; at: Date; type: string; entityId: string | null; before: unknown; after: unknown };
/** A row read raw (a cursor): postgres.js gives bigint as text, both drivers a time as a Date or text. */
const replayedRow = (r: Record<string, unknown>): ReplayedRow => ({
  id: Number(r.id),
  at: r.at instanceof Date ? r.at : new Date(String(r.at)),
  type: String(r.type),
  entityId: r.entity_id === null ? null : String(r.entity_id),
  before: r.before,
  after: r.after,
});

/** The board as of `at`, for a principal that may read its audit trail. */
export async function boardAsOf(db: Db, principal: Principal | null, boardId: string, at: Date, opts: AsOfOptions = {}): Promise<BoardAsOf> {
  const board = await getBoardFor(db, principal, boardId, 'audit.read');
  return replayAsOf(db, board, at, opts);
}

/** The replay of boardAsOf, for a caller that has authorised (or the server's own upkeep). */
async function replayAsOf(db: Db, board: { id: string; orgId: string }, at: Date, opts: AsOfOptions): Promise<BoardAsOf> {
  if (!(at instanceof Date) || !Number.isFinite(at.getTime())) throw new AppError('UNPROCESSABLE', 'at must be an ISO time, e.g. 2025-12-01T00:00:00Z', { fields: ['at'] });
  const every = opts.checkpointEvery ?? CHECKPOINT_EVERY;
  const ofBoard = eq(auditEvents.boardId, board.id);

  // One snapshot of the trail for every read (repeatable read), the rows through one cursor: a
  // single scan whatever plan the database picks (PGlite has no statistics unless analysed, and
  // paging with LIMIT there re-sorted the whole rest of the board for every page).
  const replayed = await db.transaction(
    async (tx) => {
      // The nearest checkpoint that serves `at`; its state is read alone (each one is large).
      const [nearest] = await tx
        .select({ eventId: auditCheckpoints.eventId, at: auditCheckpoints.at })
        .from(auditCheckpoints)
        .where(and(eq(auditCheckpoints.boardId, board.id), lte(auditCheckpoints.at, at)))
        .orderBy(desc(auditCheckpoints.eventId))
        .limit(1);
      const [stored] = nearest
        ? await tx.select({ state: auditCheckpoints.state }).from(auditCheckpoints).where(and(eq(auditCheckpoints.boardId, board.id), eq(auditCheckpoints.eventId, nearest.eventId)))
        : [];
      const saved = stored?.state as { v?: unknown; content?: unknown } | undefined;
      const checkpoint = saved?.v === CHECKPOINT_VERSION ? nearest : undefined;
      const state = checkpoint ? stateFrom(saved!.content) : emptyBoard();

      // Up to the first row after the checkpoint that is later than `at`, every row counts (the
      // prefix); after it, only the rows written late with an earlier time.
      const from = checkpoint?.eventId ?? 0;
      const [{ late }] = await tx.select({ late: min(auditEvents.id) }).from(auditEvents).where(and(ofBoard, gt(auditEvents.id, from), gt(auditEvents.at, at)));
      let eventId = checkpoint?.eventId ?? null;
      let latest: Date | null = checkpoint?.at ?? null; // the latest `at` applied
      let sinceCheckpoint = 0;
      const candidates: (typeof auditCheckpoints.$inferInsert)[] = [];
      const apply = (row: ReplayedRow) => {
        applyEvent(state, row);
        eventId = row.id;
        if (!latest || row.at > latest) latest = row.at;
      };
      await tx.execute(
        sql`declare replay no scroll cursor for select id, at, type, entity_id, before, after from audit_events
            where board_id = ${board.id} and id > ${from} ${late === null ? sql`` : sql`and id < ${late}`} order by id`,
      );
      for (;;) {
        const rows = await execRows<Record<string, unknown>>(tx, sql`fetch forward ${sql.raw(String(PAGE))} from replay`);
        for (const raw of rows) {
          apply(replayedRow(raw));
          if (++sinceCheckpoint >= every) {
            // A snapshot shares the state's cards (applyEvent replaces, never mutates them).
            candidates.push({ boardId: board.id, eventId: eventId!, at: latest!, state: { v: CHECKPOINT_VERSION, content: contentOf(state) } });
            sinceCheckpoint = 0;
          }
        }
        if (rows.length < PAGE) break;
      }
      await tx.execute(sql`close replay`);
      if (late !== null) {
        const columns = { id: auditEvents.id, at: auditEvents.at, type: auditEvents.type, entityId: auditEvents.entityId, before: auditEvents.before, after: auditEvents.after };
        for (const row of await tx.select(columns).from(auditEvents).where(and(ofBoard, gt(auditEvents.id, late), lte(auditEvents.at, at))).orderBy(asc(auditEvents.id))) apply(row);
      }
      // Through (org_id, at): the board's own index is by id. The board's rows carry its organisation.
      const inOrg = and(eq(auditEvents.orgId, board.orgId), ofBoard);
      const [next] = await tx.select({ id: auditEvents.id, at: auditEvents.at }).from(auditEvents).where(and(inOrg, gt(auditEvents.at, at))).orderBy(asc(auditEvents.at), asc(auditEvents.id)).limit(1);
      const [prev] = latest
        ? await tx.select({ id: auditEvents.id, at: auditEvents.at }).from(auditEvents).where(and(inOrg, lt(auditEvents.at, latest))).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(1)
        : [];
      return { state, eventId: eventId as number | null, prev: moment(prev), next: moment(next), candidates };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  // A few at a time: each holds the whole board.
  const writes = spread(replayed.candidates, opts.maxCheckpointWrites ?? MAX_CHECKPOINT_WRITES);
  for (let i = 0; i < writes.length; i += 2) await db.insert(auditCheckpoints).values(writes.slice(i, i + 2)).onConflictDoNothing();
  return { at: at.toISOString(), eventId: replayed.eventId, prev: replayed.prev, next: replayed.next, columns: asOfView(replayed.state).columns };
}

/** Writes every checkpoint of the board's grid up to `at` (default: now): for a job, or a bench, that wants later requests fast at once. */
export async function writeCheckpoints(db: Db, principal: Principal | null, boardId: string, at = new Date()): Promise<void> {
  await boardAsOf(db, principal, boardId, at, { maxCheckpointWrites: Infinity });
}

/** `?at=` of the as-of API: an ISO time with its offset (or Z); anything else is an invalid Date, refused by boardAsOf once it has authorised. */
export function asOfTime(value: unknown): Date {
  const parsed = z.iso.datetime({ offset: true }).safeParse(value);
  return new Date(parsed.success ? parsed.data : NaN);
}

export const RestoreRequest = z.object({ eventId: z.number().int().positive(), field: z.string().min(1).max(100).optional() }).strict();
export type RestoreRequest = z.infer<typeof RestoreRequest>;

/**
 * Restores what an audit event of the board changed (lib/history/restore.ts) as a new change by
 * the principal: authorised as a board edit ('board.edit', as a websocket write), validated
 * against the event (this board's; a field change or a deleted card), applied by the board writer
 * (the live room when a server runs in this process, else the stored log), which checks it against
 * the board as it is then, stores it and audits it as card.restored / card.field_restored.
 */
export async function restoreBoardEvent(db: Db, principal: Principal | null, boardId: string, input: unknown): Promise<{ cardId: string }> {
  const board = await getBoardFor(db, principal, boardId, 'board.edit');
  const parsed = RestoreRequest.safeParse(input);
  if (!parsed.success) throw new AppError('UNPROCESSABLE', 'invalid restore request', { fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))] });
  const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.id, parsed.data.eventId), eq(auditEvents.boardId, board.id)));
  if (!event) throw new AppError('NOT_FOUND', 'no such event on this board');
  const op = restoreOpOf(event, parsed.data.field);
  return boardWriterFor(db).restore(board.id, principal!.id, op);
}

/**
 * The server's upkeep (hourly, server/erasure.ts): fills the checkpoint grid of every board with
 * at least CHECKPOINT_EVERY rows past its latest checkpoint, so that the board as of any moment
 * replays at most that many rows even the first time it is asked for. Returns the boards filled.
 */
export async function fillCheckpoints(db: Db, every = CHECKPOINT_EVERY): Promise<string[]> {
  const due = await execRows<{ id: string; org_id: string; last_at: string | Date }>(
    db,
    sql`select b.id, b.org_id, (select max(a.at) from audit_events a where a.board_id = b.id) as last_at from boards b
        where (select count(*) from (
                 select 1 from audit_events a
                 where a.board_id = b.id
                   and a.id > coalesce((select max(c.event_id) from audit_checkpoints c where c.board_id = b.id), 0)
                 limit ${every}) tail) >= ${every}`,
  );
  // As of its latest row: every row counts (a row is never stamped later than its writing, but a clock may be ahead).
  for (const board of due) await replayAsOf(db, { id: board.id, orgId: board.org_id }, new Date(board.last_at), { checkpointEvery: every, maxCheckpointWrites: Infinity });
  return due.map((b) => b.id);
}
