import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { auditRow } from '../../lib/audit/audit-row';
import { AuditCoalescer } from '../../lib/audit/coalesce';
import { BoardProjector, type SemanticEvent } from '../../lib/audit/projector';
import type { EditScope } from '../../lib/permissions';
import type { BoardKind } from '../../lib/permissions/roles';
import { AwarenessGuard } from './awareness-guard';
import { ClientIds } from './client-ids';
import { dropPending, unmetDependencies } from './update-check';
import { shapeProblem } from './update-shape';
import { encodeBoardStatus, type BoardStatus } from '../../lib/realtime/board-status';
import { fanOutPlan } from '../../lib/realtime/fan-out';
import { storedSyncReply } from '../../lib/realtime/stored-sync';
import { PairsFilter, pairsWriteFilter } from './write-filter';
import { applyPairCardOp, moveReasons, pairAuditEvents, reconcileOps, type BoardPair, type PairCardOp } from '../../lib/board/pair-cards';
import { applyRestore, type RestoreOp } from '../../lib/history/restore';
import { BoardSizeGuard, ConnectionBudget, type BoardCaps, type ConnectionLimits } from './budget';
import type { BoardPersistence, BoardWriteStatus, PendingAudit } from './persistence';

/*
 * Board rooms speaking the standard y-websocket protocol (sync + awareness), so the stock
 * WebsocketProvider works unchanged. The pipeline for one message:
 *   size cap → decode (validated before anything is applied, time-bounded) → dependencies
 *   (nothing may be left pending: update-check.ts) → shape (keys, values, comment authors:
 *   update-shape.ts) → write filter (read-only drops Update/SyncStep2; on a pairs board
 *   nobody creates, deletes or moves pair cards across columns, and a mentor's update
 *   must touch only the pairs the database says it mentors: write-filter.ts) → apply
 *   through the audit projector → fan-out → group-committed log + audit rows. Awareness
 *   passes the AwarenessGuard.
 * Opening a board: its stored parts are read (latest snapshot, then the log rows still kept).
 * When the snapshot is all there is (a compacted board), a client's SyncStep1 that comes while
 * the document is being built is answered from it as it is (lib/realtime/stored-sync.ts), so the
 * board opens as fast as the database reads it, whatever its history; log rows still carry the
 * text of later deletions, so a board with rows since its last compaction waits for the built
 * document. Then the parts are applied to the document one by one and the
 * projector attached; every connection that joined meanwhile is attached to the room at once,
 * before anything can be written to it (so it hears every later change), and only then get the
 * server's SyncStep1 and have their other messages taken, through the full pipeline. A board
 * is unloaded (after its writes are flushed) when its last connection leaves.
 * The server's own writes (applyServerOps: pair cards, db/board-writer.ts) take the same
 * projector, fan-out and persistence with a server origin; on a pairs board the room also
 * holds who owns which pair card (loadPairs), and makes the cards agree with the pairs table
 * when it opens (reconciliation). Restores from the history (restore: lib/history/restore.ts)
 * are server writes too, audited as the restore they are.
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** Updates with unmet dependencies in a row that still earn their sender a sync request. */
const MAX_RESYNCS_IN_A_ROW = 3;

/** `name` is the session's user name, shown to others as its presence; `wantsStatus`: the client asked for board status messages. */
export type Connection = { ws: WebSocket; userId: string; name: string; scope: EditScope; wantsStatus?: boolean };
/** A board as stored: `parts` is its latest snapshot's state, then the log rows still kept, in order, unmerged. */
export type LoadedBoard = { parts: Uint8Array[]; logged: { count: number; bytes: number }; orgId: string; kind: BoardKind };
/** A pair of a pairs board as the database has it (db/queries/board-pairs.ts): its card, and its mentor's accounts. */
export type RoomPair = BoardPair & { mentorUserIds: string[] };

/** The origin of the server's own transactions on a room's document: fanned out to every connection. */
const SERVER_ORIGIN = Symbol('server');
/** The owner, in a room's ClientIds, of the client id the server writes under: no connection may write under it. */
const SERVER_USER = '(server)';

type Room = {
  boardId: string;
  orgId: string;
  kind: BoardKind;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  guard: AwarenessGuard;
  clientIds: ClientIds;
  conns: Set<Connection>;
  projector: BoardProjector;
  coalescer: AuditCoalescer<SemanticEvent>;
  coalesceTimer: NodeJS.Timeout;
  /** Pairs boards: pair id (= card id) → the accounts of its mentor, from the database; replaced whole on reload. */
  owners: Map<string, Set<string>>;
  /** The latest owners reload started: an older one finishing later does not win. */
  ownersSeq: number;
  /** Pairs boards: the write filter, with its shadow of the board (write-filter.ts). */
  pairsFilter: PairsFilter | null;
  /** Updates applied in this turn of the event loop, not yet fanned out (fanOut). */
  outbox: { update: Uint8Array; origin: unknown }[];
};

/**
 * A room being opened: the connections that joined meanwhile (each with how it answers its
 * waiting SyncStep1s from the stored parts), and the stored parts once read and until the
 * document is built.
 */
type Stored = { parts: readonly Uint8Array[]; logRows: number };
type Opening = { room: Promise<Room>; waiting: Map<Connection, (stored: Stored) => void>; stored: Stored | null };

export type RoomsOptions = {
  load: (boardId: string) => Promise<LoadedBoard>;
  persistence: BoardPersistence;
  maxMessageBytes: number;
  maxDecodeMs: number;
  typingQuietMs: number;
  log: (msg: string) => void;
  /** Per-connection budget (server/yjs/budget.ts); over it, the connection is closed 1008. */
  limits?: ConnectionLimits;
  /** Per-board size cap; past it, growing updates are refused. */
  caps?: BoardCaps;
  /** The pairs of a pairs board with their mentors' accounts: ownership and reconciliation. Without it, no pair card is anyone's. */
  loadPairs?: (boardId: string) => Promise<RoomPair[]>;
};

const ownersOf = (pairs: readonly RoomPair[]) => new Map(pairs.map((p) => [p.id, new Set(p.mentorUserIds)]));

/** An audit row for a semantic event (lib/audit/audit-row.ts). */
export { auditRow } from '../../lib/audit/audit-row';

export class BoardRooms {
  private readonly rooms = new Map<string, Opening>();
  private readonly live = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unmet = new WeakMap<Connection, number>();
  private readonly sizes: BoardSizeGuard | null;
  /** Per board, the server writes under way (applyServerOps): their room is not unloaded, and reconciliation leaves their pairs to them. */
  private readonly serverWrites = new Map<string, PairCardOp[][]>();

  constructor(private readonly opts: RoomsOptions) {
    this.sizes = opts.caps ? new BoardSizeGuard(opts.caps) : null;
  }

  /** Tells a board's connections that asked for it whether its edits are being saved (persistence's onBoardStatus). */
  boardWriteStatus(boardId: string, status: BoardWriteStatus) {
    const room = this.live.get(boardId);
    if (room) for (const conn of room.conns) tell(conn, status === 'ok' ? { saving: 'ok' } : { saving: 'failing', reason: 'database' });
  }

  private room(boardId: string): Promise<Room> {
    return this.opening(boardId).room;
  }

  private opening(boardId: string): Opening {
    let opening = this.rooms.get(boardId);
    if (!opening) {
      const o: Opening = { room: null as never, waiting: new Map(), stored: null };
      // A board being unloaded is written out completely before it is loaded again.
      o.room = (this.unloading.get(boardId) ?? Promise.resolve()).then(() => this.open(boardId, o));
      o.room.catch(() => this.rooms.get(boardId) === o && this.rooms.delete(boardId));
      this.rooms.set(boardId, (opening = o));
    }
    return opening;
  }

  private async open(boardId: string, opening: Opening): Promise<Room> {
    const loaded = await this.opts.load(boardId);
    // The clients waiting for a board stored as its snapshot alone get it now, from the stored
    // bytes (written to their sockets before the build below takes the thread); so do those whose
    // SyncStep1 comes before the document is built (a pairs board waits for its pairs first).
    opening.stored = { parts: loaded.parts, logRows: loaded.logged.count };
    for (const answer of opening.waiting.values()) answer(opening.stored);
    const pairs = loaded.kind === 'pairs' && this.opts.loadPairs ? await this.opts.loadPairs(boardId) : [];
    const doc = new Y.Doc({ gc: true });
    // Part by part in one transaction: cheaper than merging them first (lib/board/merge.ts).
    doc.transact(() => loaded.parts.forEach((part) => Y.applyUpdate(doc, part)));
    opening.stored = null;
    this.opts.persistence.noteLoaded(boardId, loaded.orgId, loaded.logged);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const coalescer = new AuditCoalescer<SemanticEvent>({ quietMs: this.opts.typingQuietMs });
    const r: Room = {
      boardId,
      orgId: loaded.orgId,
      kind: loaded.kind,
      doc,
      awareness,
      guard: new AwarenessGuard(),
      clientIds: new ClientIds(),
      conns: new Set(),
      projector: new BoardProjector(doc),
      coalescer,
      coalesceTimer: setInterval(() => this.writeDueAudits(r), Math.min(1000, this.opts.typingQuietMs)),
      owners: ownersOf(pairs),
      ownersSeq: 0,
      pairsFilter: loaded.kind === 'pairs' ? new PairsFilter(doc) : null,
      outbox: [],
    };
    r.clientIds.claim([doc.clientID], SERVER_USER);
    r.coalesceTimer.unref();
    this.live.set(boardId, r);
    // Fan-out waits for the end of this turn of the event loop (setImmediate runs right after the
    // sockets read in it), so that edits arriving together go to each connection as one message.
    // The server's own writes (a meeting's move, a restore) go out at once, with whatever waits
    // before them: the verb that made them answers its caller only after, and the page that
    // asked (focus following a moved pair) counts on having the change by then.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const first = r.outbox.push({ update, origin }) === 1;
      if (origin === SERVER_ORIGIN) fanOut(r, this.opts.log);
      else if (first) setImmediate(() => fanOut(r, this.opts.log));
    });
    awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
      const message = encoding.toUint8Array(enc);
      for (const conn of r.conns) send(conn, message);
    });
    // Some of them have the stored state already: whatever is written from now on (reconciliation
    // below, the edits they sent meanwhile) reaches them as it reaches everyone.
    for (const conn of opening.waiting.keys()) r.conns.add(conn);
    if (loaded.kind === 'pairs') {
      // The pairs table is the truth: a pair without a card (a crash between a verb's commit and
      // its card write) gets one, a card in another column goes to the pair's stage. Pairs a
      // server write under way is about to write are left to it (its actor, its reason).
      const busy = new Set((this.serverWrites.get(boardId) ?? []).flat().map((o) => o.pairId));
      const fixes = reconcileOps(doc, pairs, busy);
      if (fixes.length) {
        this.opts.log(`yjs ${boardId}: reconciled ${fixes.length} pair card(s) with the pairs table`);
        this.applyOps(r, null, fixes);
      }
    }
    return r;
  }

  /**
   * Applies the server's pair-card ops to a loaded room in one transaction (server origin:
   * fanned out to every connection) through its projector, and queues the update with its
   * audit rows (a move between stages is pair.stage_changed, with the op's reason).
   */
  private applyOps(room: Room, actorId: string | null, ops: PairCardOp[]) {
    let effective: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) effective = effective ? Y.mergeUpdates([effective, u]) : u;
    };
    room.doc.on('update', capture);
    let events: SemanticEvent[];
    const outcomes: string[] = [];
    try {
      events = room.projector.capture(() => room.doc.transact(() => ops.forEach((op) => outcomes.push(applyPairCardOp(room.doc, op))), SERVER_ORIGIN));
    } finally {
      room.doc.off('update', capture);
    }
    const missed = ops.filter((_, i) => outcomes[i] === 'no-card' || outcomes[i] === 'no-column');
    if (missed.length) this.opts.log(`yjs ${room.boardId}: ${missed.length} pair card op(s) found no card or no column (${missed.map((o) => `${o.op} ${o.pairId} → ${o.stage}`).join(', ')})`);
    if (!effective && events.length === 0) return;
    if (effective) this.sizes?.applied(room.doc, (effective as Uint8Array).byteLength);
    const now = new Date();
    this.opts.persistence.enqueue(
      room.boardId,
      room.orgId,
      effective ? { update: effective, actorId } : null,
      pairAuditEvents(room.kind, events, moveReasons(ops)).map((e) => auditRow(actorId, now, e)),
    );
  }

  /**
   * The live board writer (db/board-writer.ts): applies pair-card ops as `actorId` to the board's
   * room, opening it if nobody has (the same load as a join, reconciliation included), fans them
   * out, and resolves once they are stored; a room opened for it is unloaded again when nobody
   * is connected. Idempotent like the ops: a card already there, a move to its own column,
   * change nothing. Rejects when the board cannot be loaded, or its writes are failing (the
   * change then stays queued and is retried; the pairs table stays the truth either way).
   */
  async applyServerOps(boardId: string, actorId: string | null, ops: PairCardOp[]): Promise<void> {
    let writes = this.serverWrites.get(boardId);
    if (!writes) this.serverWrites.set(boardId, (writes = []));
    writes.push(ops);
    let room: Room | null = null;
    try {
      room = await this.room(boardId);
      this.applyOps(room, actorId, ops);
      if (room.kind === 'pairs' && this.opts.loadPairs) {
        // The pairs as they are now: a new pair's mentor may touch its card from now on, and a
        // pair the ops named whose card is missing (a move of a card lost in a crash) gets it.
        const seq = ++room.ownersSeq;
        const pairs = await this.opts.loadPairs(boardId);
        if (seq === room.ownersSeq) room.owners = ownersOf(pairs);
        const named = new Set(ops.map((o) => o.pairId));
        // Only missing cards: a card the ops placed stays where they put it.
        const fixes = reconcileOps(room.doc, pairs.filter((p) => named.has(p.id))).filter((f) => f.op === 'add');
        if (fixes.length && this.live.get(boardId) === room) this.applyOps(room, null, fixes);
      }
    } finally {
      writes.splice(writes.indexOf(ops), 1);
      if (writes.length === 0) this.serverWrites.delete(boardId);
      if (room && room.conns.size === 0) this.unload(room);
    }
    await this.opts.persistence.flush();
    if (this.opts.persistence.boardStatus(boardId) === 'failing') {
      throw new Error(`board ${boardId}: the pair card change is applied live but not yet stored (the database refuses writes; it is retried)`);
    }
  }

  /**
   * The live board writer's restore (db/board-writer.ts): applies a restore as `actorId` to the
   * board's room (opening it if nobody has), against the board as it is now, with the server origin
   * (fanned out to every connection), and resolves once it is stored. Rejects with
   * RESTORE_NOT_APPLICABLE, having changed nothing, when the board no longer allows it.
   */
  async restore(boardId: string, actorId: string, op: RestoreOp): Promise<{ cardId: string }> {
    let writes = this.serverWrites.get(boardId);
    if (!writes) this.serverWrites.set(boardId, (writes = []));
    const held: PairCardOp[] = []; // no pair card ops: it only keeps the room loaded
    writes.push(held);
    let room: Room | null = null;
    let result: { cardId: string };
    try {
      room = await this.room(boardId);
      result = this.applyRestoreIn(room, actorId, op);
    } finally {
      writes.splice(writes.indexOf(held), 1);
      if (writes.length === 0) this.serverWrites.delete(boardId);
      if (room && room.conns.size === 0) this.unload(room);
    }
    await this.opts.persistence.flush();
    if (this.opts.persistence.boardStatus(boardId) === 'failing') {
      throw new Error(`board ${boardId}: the restore is applied live but not yet stored (the database refuses writes; it is retried)`);
    }
    return result;
  }

  private applyRestoreIn(room: Room, actorId: string, op: RestoreOp): { cardId: string } {
    // Typing still being coalesced happened before the restore: its rows go first, so the
    // trail (and a replay of it) has the restore last.
    const typed = room.coalescer.drain();
    if (typed.length) this.opts.persistence.enqueue(room.boardId, room.orgId, null, typed.map((e) => auditRow(e.actorId, e.at, e)));
    let effective: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) effective = effective ? Y.mergeUpdates([effective, u]) : u;
    };
    room.doc.on('update', capture);
    let restored: ReturnType<typeof applyRestore> | undefined;
    try {
      restored = applyRestore(room.doc, room.projector, op, room.kind, SERVER_ORIGIN);
    } finally {
      room.doc.off('update', capture);
      // A refusal comes before any change; should one come after, what changed is still stored.
      if (effective && !restored) this.opts.persistence.enqueue(room.boardId, room.orgId, { update: effective, actorId }, []);
    }
    if (effective) this.sizes?.applied(room.doc, (effective as Uint8Array).byteLength);
    this.opts.persistence.enqueue(room.boardId, room.orgId, effective ? { update: effective, actorId } : null, [auditRow(actorId, new Date(), restored.row)]);
    return { cardId: restored.cardId };
  }

  /** Pairs or their mentors' accounts changed: an open (or opening) room reloads who owns which card; meanwhile the old map applies. */
  pairsChanged(boardId: string): void {
    const room = this.rooms.get(boardId)?.room;
    if (!room) return;
    void room
      .then((r) => this.reloadOwners(r))
      .catch((err) => this.opts.log(`yjs ${boardId}: could not reload the pairs' owners: ${(err as Error).message}`));
  }

  private async reloadOwners(room: Room): Promise<void> {
    if (room.kind !== 'pairs' || !this.opts.loadPairs) return;
    const seq = ++room.ownersSeq;
    const pairs = await this.opts.loadPairs(room.boardId);
    if (seq === room.ownersSeq) room.owners = ownersOf(pairs);
  }

  private writeDueAudits(room: Room) {
    const due = room.coalescer.due();
    if (due.length) {
      this.opts.persistence.enqueue(room.boardId, room.orgId, null, due.map((e) => auditRow(e.actorId, e.at, e)));
    }
  }

  /**
   * Attaches an accepted socket to its board. Messages that arrive while loading wait, but for a
   * SyncStep1 once the stored parts are read: it is answered from them (answerFromStored).
   */
  async join(boardId: string, conn: Connection): Promise<void> {
    const pending: Uint8Array[] = [];
    let ready: Room | null = null;
    const opening = this.opening(boardId);
    opening.waiting.set(conn, (stored) => {
      for (let i = 0; i < pending.length; i++) if (this.answerFromStored(conn, stored, pending[i])) pending.splice(i--, 1);
    });
    const budget = this.opts.limits ? new ConnectionBudget(this.opts.limits) : null;
    conn.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn.ws.readyState !== conn.ws.OPEN) return; // refused already: nothing more is read
      if (!isBinary || data.byteLength > this.opts.maxMessageBytes) {
        this.refuse(conn, boardId, 1009, isBinary ? `a ${data.byteLength}-byte message (cap ${this.opts.maxMessageBytes})` : 'a text frame');
        return;
      }
      if (budget && !budget.admit(data.byteLength)) {
        this.refuse(conn, boardId, 1008, 'over its rate budget (YJS_BUDGET_*)', 'rate limit');
        return;
      }
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (ready) this.receive(ready, conn, bytes);
      else if (!(opening.stored && this.answerFromStored(conn, opening.stored, bytes))) pending.push(bytes);
    });
    conn.ws.on('close', () => {
      if (ready) this.leave(ready, conn);
    });
    // A protocol violation (e.g. an unmasked frame) is an 'error' event: unheard, it would
    // end the process. ws closes the socket itself afterwards, and 'close' cleans up.
    conn.ws.on('error', (err: Error) => this.opts.log(`yjs ${boardId}: websocket error of user ${conn.userId}: ${err.message}`));

    let room: Room;
    try {
      room = await opening.room;
    } catch (err) {
      this.opts.log(`yjs ${boardId}: could not load the board: ${(err as Error).message}`);
      conn.ws.close(1011, 'board unavailable');
      return;
    } finally {
      opening.waiting.delete(conn);
    }
    if (conn.ws.readyState !== conn.ws.OPEN) {
      room.conns.delete(conn); // attached by open() if it joined while the board was opening
      if (room.conns.size === 0) this.unload(room);
      return;
    }
    ready = room;
    room.conns.add(conn);

    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(enc, room.doc);
    send(conn, encoding.toUint8Array(enc));
    const states = [...room.awareness.getStates().keys()];
    if (states.length) {
      const aw = encoding.createEncoder();
      encoding.writeVarUint(aw, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
      send(conn, encoding.toUint8Array(aw));
    }
    if (this.opts.persistence.boardStatus(boardId) === 'failing') tell(conn, { saving: 'failing', reason: 'database' });
    for (const bytes of pending.splice(0)) this.receive(room, conn, bytes);
  }

  /**
   * A message that came while the board's document is being built: a SyncStep1 is answered from
   * the stored parts (true); anything else, or a SyncStep1 better answered by the built document
   * (lib/realtime/stored-sync.ts), waits for it (false). Replies only: nothing is applied.
   */
  private answerFromStored(conn: Connection, stored: Stored, bytes: Uint8Array): boolean {
    try {
      const dec = decoding.createDecoder(bytes);
      if (decoding.readVarUint(dec) !== MESSAGE_SYNC || decoding.readVarUint(dec) !== syncProtocol.messageYjsSyncStep1) return false;
      const reply = storedSyncReply(stored, decoding.readVarUint8Array(dec));
      if (!reply) return false;
      send(conn, reply);
      return true;
    } catch {
      return false; // malformed: receive() refuses it once the room is ready
    }
  }

  private refuse(conn: Connection, boardId: string, code: number, why: string, reason = code === 1009 ? 'message too big' : 'message refused') {
    this.opts.log(`yjs ${boardId}: closing the connection of user ${conn.userId}: ${why}`);
    conn.ws.close(code, reason);
  }

  private receive(room: Room, conn: Connection, bytes: Uint8Array) {
    try {
      const dec = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(dec);
      if (type === MESSAGE_SYNC) {
        const sub = decoding.readVarUint(dec);
        if (sub === syncProtocol.messageYjsSyncStep1) {
          const enc = encoding.createEncoder();
          encoding.writeVarUint(enc, MESSAGE_SYNC);
          syncProtocol.writeSyncStep2(enc, room.doc, decoding.readVarUint8Array(dec));
          send(conn, encoding.toUint8Array(enc));
        } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
          this.write(room, conn, decoding.readVarUint8Array(dec));
        } else {
          this.refuse(conn, room.boardId, 1003, `unknown sync message ${sub}`);
        }
      } else if (type === MESSAGE_AWARENESS) {
        const { update, refused } = room.guard.admit(conn, decoding.readVarUint8Array(dec));
        if (refused.length) this.opts.log(`yjs ${room.boardId}: refused awareness of user ${conn.userId}: ${refused.join('; ')}`);
        if (update) awarenessProtocol.applyAwarenessUpdate(room.awareness, update, conn);
      } else {
        this.refuse(conn, room.boardId, 1003, `unknown message type ${type}`);
      }
    } catch (err) {
      this.refuse(conn, room.boardId, 1003, `malformed message (${(err as Error).message})`);
    }
  }

  /** The write path: filter → apply (projected to semantic events) → persist with audit. */
  private write(room: Room, conn: Connection, update: Uint8Array) {
    if (conn.scope === 'none') return; // read-only: not applied, not logged, not fanned out
    const started = performance.now();
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update); // validates the whole update before anything is applied
    } catch (err) {
      return this.refuse(conn, room.boardId, 1003, `undecodable update (${(err as Error).message})`);
    }
    if (performance.now() - started > this.opts.maxDecodeMs) {
      return this.refuse(conn, room.boardId, 1008, `update took over ${this.opts.maxDecodeMs} ms to decode`);
    }
    const unmet = unmetDependencies(room.doc, decoded);
    if (unmet) return this.resync(room, conn, unmet);
    this.unmet.delete(conn);
    const problem =
      room.clientIds.problem(room.doc, decoded, conn.userId) ??
      shapeProblem(room.doc, decoded, { userId: conn.userId, scope: conn.scope, kind: room.kind, owners: room.owners }) ??
      (room.pairsFilter
        ? room.pairsFilter.check(update, { userId: conn.userId, scope: conn.scope, owners: room.owners })
        : conn.scope === 'own-pairs'
          ? pairsWriteFilter(room.doc, update, { userId: conn.userId, scope: conn.scope, owners: room.owners })
          : { ok: true as const });
    if (typeof problem === 'string' || !problem.ok) {
      this.opts.log(`yjs ${room.boardId}: refused an update of user ${conn.userId}: ${typeof problem === 'string' ? problem : problem.reason}`);
      return this.fillRefused(room, conn, room.clientIds.garbage(room.doc, decoded, conn.userId));
    }
    const over = this.sizes?.admit(room.doc, update);
    if (over) {
      room.pairsFilter?.invalidate(); // it took the update in; the board will not
      const what = over.kind === 'bytes' ? `${over.size} bytes encoded (cap ${over.cap}, BOARD_MAX_BYTES)` : `${over.count} cards (cap ${over.cap}, BOARD_MAX_CARDS)`;
      this.opts.log(`yjs ${room.boardId}: refused a growing update of user ${conn.userId}: the board is at its size cap, ${what}`);
      // A client that can hear it is told, and stays; one that cannot is closed, so that it notices.
      if (conn.wantsStatus) tell(conn, { saving: 'refused', reason: 'board-full' });
      else conn.ws.close(1008, 'board too large');
      return this.fillRefused(room, conn, room.clientIds.garbage(room.doc, decoded, conn.userId));
    }
    const added = ClientIds.added(room.doc, decoded);
    let effective: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin === conn) effective = effective ? Y.mergeUpdates([effective, u]) : u;
    };
    room.doc.on('update', capture);
    let events: SemanticEvent[];
    let applied = false;
    try {
      events = room.projector.apply(update, conn);
      applied = true;
    } finally {
      room.doc.off('update', capture);
      if (!applied) room.pairsFilter?.invalidate();
      // Never reached after the check above; should Yjs park anything anyway, it must not
      // integrate later inside someone else's transaction.
      if (dropPending(room.doc)) {
        room.pairsFilter?.invalidate();
        this.opts.log(`yjs ${room.boardId}: dropped changes left pending by an update of user ${conn.userId}`);
      }
    }
    room.clientIds.claim(added.keys(), conn.userId);
    if (!effective && events.length === 0) return; // nothing new (e.g. a repeated update)
    if (effective) this.sizes?.applied(room.doc, (effective as Uint8Array).byteLength);
    const now = new Date();
    const ready = room.coalescer.push(conn.userId, events);
    this.opts.persistence.enqueue(
      room.boardId,
      room.orgId,
      effective ? { update: effective, actorId: conn.userId } : null,
      ready.map((e) => auditRow(e.actorId, e.at ?? now, e)),
    );
  }

  /** The clocks of a refused update, filled with garbage so the sender's later edits apply (client-ids.ts). */
  private fillRefused(room: Room, conn: Connection, garbage: Uint8Array | null) {
    if (!garbage) return;
    room.projector.apply(garbage, conn);
    this.opts.persistence.enqueue(room.boardId, room.orgId, { update: garbage, actorId: conn.userId }, []);
  }

  /**
   * An update whose dependencies the board lacks is refused; the sender is asked for a sync
   * (an honest client that raced, e.g. an edit sent before its offline work, answers with
   * everything the board lacks). A connection that keeps sending such updates is no longer
   * asked: it only spends its own messages.
   */
  private resync(room: Room, conn: Connection, why: string) {
    const count = (this.unmet.get(conn) ?? 0) + 1;
    this.unmet.set(conn, count);
    if (count > MAX_RESYNCS_IN_A_ROW) return;
    this.opts.log(`yjs ${room.boardId}: refused an update of user ${conn.userId} that would stay pending (${why}); asking it to sync`);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(enc, room.doc);
    send(conn, encoding.toUint8Array(enc));
  }

  private leave(room: Room, conn: Connection) {
    if (!room.conns.delete(conn)) return;
    awarenessProtocol.removeAwarenessStates(room.awareness, room.guard.release(conn), null);
    if (room.conns.size === 0) this.unload(room);
  }

  private unload(room: Room, force = false) {
    if (this.live.get(room.boardId) !== room) return;
    if (!force && (room.conns.size > 0 || this.serverWrites.has(room.boardId))) return; // a server write unloads it when done
    this.live.delete(room.boardId);
    this.rooms.delete(room.boardId);
    clearInterval(room.coalesceTimer);
    const rest = room.coalescer.drain();
    if (rest.length) this.opts.persistence.enqueue(room.boardId, room.orgId, null, rest.map((e) => auditRow(e.actorId, e.at, e)));
    const done = this.opts.persistence
      .flush()
      .catch(() => {})
      .finally(() => {
        room.projector.destroy();
        room.pairsFilter?.destroy();
        room.awareness.destroy();
        room.doc.destroy();
        this.opts.persistence.release(room.boardId);
        this.unloading.delete(room.boardId);
      });
    this.unloading.set(room.boardId, done);
  }

  get loadedBoards(): number {
    return this.live.size;
  }

  /** The live document of a loaded board (tests, diagnostics). */
  loaded(boardId: string): Y.Doc | undefined {
    return this.live.get(boardId)?.doc;
  }

  /** Shutdown: every board's pending audit rows are queued, then connections close. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((o) => o.room.catch(() => null)));
    for (const room of [...this.live.values()]) {
      for (const conn of room.conns) conn.ws.close(1001, 'server shutting down');
      this.unload(room, true);
    }
    await Promise.all(this.unloading.values());
  }
}

function tell(conn: Connection, status: BoardStatus) {
  if (conn.wantsStatus) send(conn, encodeBoardStatus(status));
}

/** An update message, encoded once for every connection, as a Buffer: ws would wrap a plain Uint8Array in one per send. */
function updateMessage(updates: Uint8Array[]): Buffer {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  syncProtocol.writeUpdate(enc, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
  return asBuffer(encoding.toUint8Array(enc));
}

/**
 * Sends the updates of a room's outbox as lib/realtime/fan-out.ts plans it (each connection the
 * others' updates, merged into one message), encoding each distinct list once. A busy board then
 * costs one send per connection per turn of the event loop, however many edits came in it
 * (Hocuspocus does the same).
 */
function fanOut(room: Room, log: (msg: string) => void) {
  const batch = room.outbox;
  room.outbox = [];
  try {
    const encoded = new Map<Uint8Array[], Buffer>();
    for (const [conn, updates] of fanOutPlan(batch, room.conns)) {
      let message = encoded.get(updates);
      if (!message) encoded.set(updates, (message = updateMessage(updates)));
      send(conn, message);
    }
  } catch (err) {
    // Outside any message's handler (setImmediate): a throw here would end the process. The
    // updates are applied and stored already; each goes out on its own, as before batching.
    log(`yjs ${room.boardId}: could not batch the fan-out of ${batch.length} update(s) (${(err as Error).message}); sending them one by one`);
    for (const { update, origin } of batch) {
      const message = updateMessage([update]);
      for (const conn of room.conns) if (conn !== origin) send(conn, message);
    }
  }
}

/**
 * No callback per send (a closure per delivered message): a failed write is the socket's
 * 'error', after which ws closes it, and 'close' cleans up (join).
 */
function send(conn: Connection, message: Uint8Array) {
  if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(message);
}

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
