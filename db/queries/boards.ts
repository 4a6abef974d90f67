import { and, asc, eq, inArray, isNull, desc, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { z } from 'zod';
import { buildBoardDoc, type BoardInit } from '../../lib/board/doc';
import { mergeMany } from '../../lib/board/merge';
import { newBoardInit } from '../../lib/board/templates';
import { contentOfDoc } from '../../lib/history/replay';
import { AppError } from '../../lib/errors';
import { can, type Action, type BoardResource, type Principal } from '../../lib/permissions';
import { BoardTitle, NewBoard, parseInput } from '../../lib/validation';
import type { Db } from '../client';
import { execRows } from '../rows';
import { appendAudit } from '../audit';
import { boards, boardSnapshots, boardUpdates, type Board } from '../schema';
import { actorId, listOrganisations, orgPath, SYSTEM, type Actor } from './organisations';
import { notifyBoardChanged } from '../../server/realtime/revocation';

export type BoardSummary = { id: string; title: string; kind: Board['kind']; orgId: string };
export type BoardWithAccess = Board & { resource: BoardResource };

const resourceOf = (board: Board, path: string[]): BoardResource => ({
  type: 'board',
  orgPath: path,
  kind: board.kind,
  archived: board.archivedAt !== null,
});

/** Boards the principal may read, archived ones only when asked for. */
export async function listReadableBoards(db: Db, principal: Principal, opts: { archived?: boolean } = {}): Promise<Board[]> {
  const orgs = await listOrganisations(db);
  const pathById = new Map(orgs.map((o) => [o.id, o.path]));
  const readableOrgIds = orgs.filter((o) => can(principal, 'org.read', { type: 'org', orgPath: o.path })).map((o) => o.id);
  if (readableOrgIds.length === 0) return [];
  const rows = await db
    .select()
    .from(boards)
    .where(and(inArray(boards.orgId, readableOrgIds), opts.archived ? undefined : isNull(boards.archivedAt)))
    .orderBy(asc(boards.title));
  return rows.filter((b) => can(principal, 'board.read', resourceOf(b, pathById.get(b.orgId) ?? [])));
}

/** Fetch-or-throw, scoped to what the principal may do: NOT_FOUND hides boards it may not read. */
export async function getBoardFor(db: Db, principal: Principal | null, boardId: string, action: Action = 'board.read'): Promise<BoardWithAccess> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const [board] = UUID.test(boardId) ? await db.select().from(boards).where(eq(boards.id, boardId)) : [];
  if (!board) throw new AppError('NOT_FOUND', 'board not found');
  const resource = resourceOf(board, await orgPath(db, board.orgId));
  if (!can(principal, 'board.read', resource)) throw new AppError('NOT_FOUND', 'board not found');
  if (!can(principal, action, resource)) throw new AppError('FORBIDDEN');
  return { ...board, resource };
}

const UUID = /^[0-9a-f-]{36}$/i;

/** May `actor` create a board in this organisation? NOT_FOUND for no such organisation, else FORBIDDEN. */
export async function authoriseBoardCreate(db: Db, actor: Actor, orgId: unknown): Promise<void> {
  const path = typeof orgId === 'string' && UUID.test(orgId) ? await orgPath(db, orgId) : [];
  if (path.length === 0) throw new AppError('NOT_FOUND', 'organisation not found');
  if (!('system' in actor) && !can(actor, 'board.create', { type: 'org', orgPath: path })) throw new AppError('FORBIDDEN');
}

/**
 * Creates a board with its starting columns; `content` (seed, import) replaces them, and
 * `source` says in the audit row where that content came from.
 */
export async function createBoard(db: Db, actor: Actor, input: unknown, content?: BoardInit, source?: Record<string, unknown>): Promise<Board> {
  const data = parseInput(NewBoard, input);
  await authoriseBoardCreate(db, actor, data.orgId);
  return insertBoard(db, actor, data, content, source);
}

/** A board created at a past moment (its row and its board.created): for the demo's history only (db/seed-demo.ts). */
export async function createBoardAt(db: Db, at: Date, input: unknown, content: BoardInit): Promise<Board> {
  return insertBoard(db, SYSTEM, parseInput(NewBoard, input), content, undefined, at);
}

/** The write of createBoard, for a caller that has authorised and validated already. */
export async function insertBoard(db: Db, actor: Actor, data: z.infer<typeof NewBoard>, content?: BoardInit, source?: Record<string, unknown>, at?: Date): Promise<Board> {
  const period = data.periodFrom && data.periodTo ? { from: String(data.periodFrom), to: String(data.periodTo) } : null;
  const init = content ?? newBoardInit(data.kind, data.title, period);
  const doc = buildBoardDoc({ ...init, title: data.title, kind: data.kind, period });
  const state = Y.encodeStateAsUpdate(doc);
  // The board's starting content, as the audit projector holds it, is where a replay of the
  // trail starts (lib/history/replay.ts, the board as of a date). Boards created before
  // board.created carried it have none: their replay starts from an empty board.
  const start = contentOfDoc(doc);
  doc.destroy();
  return db.transaction(async (tx) => {
    const [board] = await tx
      .insert(boards)
      .values({ ...data, createdBy: actorId(actor), ...(at ? { createdAt: at } : {}) })
      .returning();
    await tx.insert(boardSnapshots).values({ boardId: board.id, state, upToSeq: 0 });
    await appendAudit(tx, {
      at,
      actorId: actorId(actor),
      orgId: board.orgId,
      boardId: board.id,
      type: 'board.created',
      entityType: 'board',
      entityId: board.id,
      after: { title: board.title, kind: board.kind, periodFrom: board.periodFrom, periodTo: board.periodTo, ...(source ? { source } : {}), content: start },
    });
    return board;
  });
}

export async function renameBoard(db: Db, actor: Principal, boardId: string, title: unknown): Promise<Board> {
  const board = await getBoardFor(db, actor, boardId, 'board.update');
  const next = parseInput(BoardTitle, title);
  if (next === board.title) return board;
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(boards).set({ title: next }).where(eq(boards.id, board.id)).returning();
    await appendAudit(tx, {
      actorId: actor.id,
      orgId: board.orgId,
      boardId: board.id,
      type: 'board.renamed',
      entityType: 'board',
      entityId: board.id,
      before: { title: board.title },
      after: { title: next },
    });
    return updated;
  });
}

export async function setBoardArchived(db: Db, actor: Principal, boardId: string, archived: boolean): Promise<Board> {
  const board = await getBoardFor(db, actor, boardId, 'board.update');
  if ((board.archivedAt !== null) === archived) return board;
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(boards)
      .set({ archivedAt: archived ? new Date() : null })
      .where(eq(boards.id, board.id))
      .returning();
    await appendAudit(tx, {
      actorId: actor.id,
      orgId: board.orgId,
      boardId: board.id,
      type: archived ? 'board.archived' : 'board.unarchived',
      entityType: 'board',
      entityId: board.id,
    });
    return row;
  });
  // An archived board takes no more edits: open connections lose their write scope now.
  await notifyBoardChanged(board.id);
  return updated;
}

/**
 * The board's Yjs state: its latest snapshot merged with every update still in the log.
 * Compaction deletes exactly what it merged, so whatever remains is newer (or committed
 * late by another instance); applying an update twice is harmless in Yjs.
 */
export async function loadBoardLog(db: Db, boardId: string): Promise<{ state: Uint8Array; logged: { count: number; bytes: number } }> {
  const { parts, logged } = await loadBoardParts(db, boardId);
  return { state: parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : mergeMany(parts), logged };
}

/**
 * The board's stored parts, unmerged: its latest snapshot's state, then the log rows still kept,
 * in order. (A live room reads the same in one statement, with the board's row: loadBoardForRoom.)
 */
export async function loadBoardParts(db: Db, boardId: string): Promise<{ parts: Uint8Array[]; logged: { count: number; bytes: number } }> {
  // One snapshot of the database for both reads: a compaction committing between them would
  // otherwise leave an old snapshot beside a log it had already emptied.
  const { parts, log } = await db.transaction((tx) => readBoardLog(tx, boardId), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  return { parts, logged: { count: log.length, bytes: log.reduce((n, l) => n + l.update.byteLength, 0) } };
}

/**
 * The board's latest snapshot and the log rows still kept, in order, as `tx` sees them;
 * `parts` is the snapshot's state followed by the rows' updates, ready to merge.
 */
export async function readBoardLog(tx: Db, boardId: string) {
  // The state as base64 text: postgres.js reads bytea as hex text and decodes it slowly (a
  // 1.9 MB snapshot: 55–120 ms against ~20 ms this way), and a snapshot is the largest value a
  // board's opening reads.
  const [row] = await tx
    .select({ state: sql<string>`encode(${boardSnapshots.state}, 'base64')`, upToSeq: boardSnapshots.upToSeq })
    .from(boardSnapshots)
    .where(eq(boardSnapshots.boardId, boardId))
    .orderBy(desc(boardSnapshots.upToSeq), desc(boardSnapshots.id))
    .limit(1);
  const snapshot = row ? { state: Buffer.from(row.state, 'base64') as Uint8Array, upToSeq: row.upToSeq } : undefined;
  const log = await tx.select({ seq: boardUpdates.seq, update: boardUpdates.update }).from(boardUpdates).where(eq(boardUpdates.boardId, boardId)).orderBy(asc(boardUpdates.seq));
  return { snapshot, log, parts: [...(snapshot ? [snapshot.state] : []), ...log.map((l) => l.update)] };
}

/**
 * The advisory lock key of a board's stored log: compaction try-locks it (one compactor per
 * board), and the offline board writer (db/board-writer-offline.ts) holds it while it reads the
 * board and appends to its log, so two such writes, or a write and a compaction, never interleave.
 */
export const boardLogLockKey = (boardId: string) => `compact:${boardId}`;

export async function loadBoardState(db: Db, boardId: string): Promise<Uint8Array> {
  return (await loadBoardLog(db, boardId)).state;
}

/** A row of a board's update log, as the live rooms write them (server/yjs/persistence.ts). */
export type LogRow = { boardId: string; update: Uint8Array; actorId: string | null };

/**
 * Appends rows to the update log in one statement, in order. The rows travel as three array
 * literals through unnest, so the statement's text is the same whatever their number: it is
 * prepared once per connection, where an insert of n rows is a new statement (parsed, described
 * and planned again) for every n — most of a commit round's CPU under live typing.
 */
export async function appendBoardLog(db: Db, rows: readonly LogRow[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = `{${rows.map((r) => r.boardId).join(',')}}`;
  // bytea in hex inside a quoted array element: the backslash is escaped for the array literal.
  const updates = `{${rows.map((r) => `"\\\\x${Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength).toString('hex')}"`).join(',')}}`;
  const actors = `{${rows.map((r) => r.actorId ?? 'NULL').join(',')}}`;
  await db.execute(sql`insert into board_updates (board_id, update, actor_id)
    select b, u, a from unnest(${ids}::uuid[], ${updates}::bytea[], ${actors}::uuid[]) with ordinality as t(b, u, a, n) order by n`);
}

/** What a live room needs: the stored parts (unmerged), how much log it has, and the board's organisation and kind. */
export async function loadBoardForRoom(db: Db, boardId: string): Promise<{ parts: Uint8Array[]; logged: { count: number; bytes: number }; orgId: string; kind: Board['kind'] }> {
  // One statement, one round trip: its subqueries see one snapshot of the database (a compaction
  // committing meanwhile cannot leave an old snapshot beside a log it had emptied), where a
  // repeatable-read transaction took four. Bytes travel as base64 text: postgres.js decodes
  // bytea's hex slowly. Buffer skips the line breaks Postgres puts in base64; the log's array
  // elements lose theirs, to stay plain in the array's text.
  const [row] = await execRows<{ org_id: string; kind: Board['kind']; state: string | null; log: string[] | null }>(
    db,
    sql`select b.org_id, b.kind,
      (select encode(s.state, 'base64') from board_snapshots s where s.board_id = b.id order by s.up_to_seq desc, s.id desc limit 1) as state,
      (select array_agg(translate(encode(u.update, 'base64'), E'\n', '') order by u.seq) from board_updates u where u.board_id = b.id) as log
    from boards b where b.id = ${boardId}::uuid`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'board not found');
  const log = (row.log ?? []).map((u) => Buffer.from(u, 'base64') as Uint8Array);
  const parts = [...(row.state === null ? [] : [Buffer.from(row.state, 'base64') as Uint8Array]), ...log];
  return { parts, logged: { count: log.length, bytes: log.reduce((n, u) => n + u.byteLength, 0) }, orgId: row.org_id, kind: row.kind };
}
