import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AuditCoalescer } from '../../lib/audit/coalesce';
import { BoardProjector, type SemanticEvent } from '../../lib/audit/projector';
import type { EditScope } from '../../lib/permissions';
import type { BoardKind } from '../../lib/permissions/roles';
import { AwarenessGuard } from './awareness-guard';
import { ClientIds } from './client-ids';
import { dropPending, unmetDependencies } from './update-check';
import { shapeProblem } from './update-shape';
import { encodeBoardStatus, type BoardStatus } from '../../lib/realtime/board-status';
import { ownPairsOnly } from './write-filter';
import { BoardSizeGuard, ConnectionBudget, type BoardCaps, type ConnectionLimits } from './budget';
import type { BoardPersistence, BoardWriteStatus, PendingAudit } from './persistence';

/*
 * Board rooms speaking the standard y-websocket protocol (sync + awareness), so the stock
 * WebsocketProvider works unchanged. The pipeline for one message:
 *   size cap → decode (validated before anything is applied, time-bounded) → dependencies
 *   (nothing may be left pending: update-check.ts) → shape (keys, values, comment authors:
 *   update-shape.ts) → write filter (read-only drops Update/SyncStep2; a mentor's update
 *   must touch only its own pairs) → apply through the audit projector → fan-out →
 *   group-committed log + audit rows. Awareness passes the AwarenessGuard.
 * A board is loaded completely before its first sync reply, and unloaded (after its
 * writes are flushed) when its last connection leaves.
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** Updates with unmet dependencies in a row that still earn their sender a sync request. */
const MAX_RESYNCS_IN_A_ROW = 3;

/** `name` is the session's user name, shown to others as its presence; `wantsStatus`: the client asked for board status messages. */
export type Connection = { ws: WebSocket; userId: string; name: string; scope: EditScope; wantsStatus?: boolean };
export type LoadedBoard = { state: Uint8Array; logged: { count: number; bytes: number }; orgId: string; kind: BoardKind };

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
};

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
};

/** An audit row for a semantic event; a field change keeps the field's name in before/after. */
export function auditRow(actorId: string | null, at: Date, e: SemanticEvent): PendingAudit {
  const field = 'field' in e ? e.field : undefined;
  return {
    actorId,
    at,
    type: e.type,
    entityType: e.entityType,
    entityId: e.entityId,
    before: field ? { [field]: e.before } : e.before,
    after: field ? { [field]: e.after } : e.after,
  };
}

export class BoardRooms {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly live = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unmet = new WeakMap<Connection, number>();
  private readonly sizes: BoardSizeGuard | null;

  constructor(private readonly opts: RoomsOptions) {
    this.sizes = opts.caps ? new BoardSizeGuard(opts.caps) : null;
  }

  /** Tells a board's connections that asked for it whether its edits are being saved (persistence's onBoardStatus). */
  boardWriteStatus(boardId: string, status: BoardWriteStatus) {
    const room = this.live.get(boardId);
    if (room) for (const conn of room.conns) tell(conn, status === 'ok' ? { saving: 'ok' } : { saving: 'failing', reason: 'database' });
  }

  private room(boardId: string): Promise<Room> {
    let room = this.rooms.get(boardId);
    if (!room) {
      // A board being unloaded is written out completely before it is loaded again.
      room = (this.unloading.get(boardId) ?? Promise.resolve()).then(() => this.open(boardId));
      room.catch(() => this.rooms.delete(boardId));
      this.rooms.set(boardId, room);
    }
    return room;
  }

  private async open(boardId: string): Promise<Room> {
    const loaded = await this.opts.load(boardId);
    const doc = new Y.Doc({ gc: true });
    Y.applyUpdate(doc, loaded.state);
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
    };
    r.coalesceTimer.unref();
    this.live.set(boardId, r);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_SYNC);
      syncProtocol.writeUpdate(enc, update);
      const message = encoding.toUint8Array(enc);
      for (const conn of r.conns) if (conn !== origin) send(conn, message);
    });
    awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
      const message = encoding.toUint8Array(enc);
      for (const conn of r.conns) send(conn, message);
    });
    return r;
  }

  private writeDueAudits(room: Room) {
    const due = room.coalescer.due();
    if (due.length) {
      this.opts.persistence.enqueue(room.boardId, room.orgId, null, due.map((e) => auditRow(e.actorId, e.at, e)));
    }
  }

  /** Attaches an accepted socket to its board. Messages that arrive while loading wait. */
  async join(boardId: string, conn: Connection): Promise<void> {
    const pending: Uint8Array[] = [];
    let ready: Room | null = null;
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
      else pending.push(bytes);
    });
    conn.ws.on('close', () => {
      if (ready) this.leave(ready, conn);
    });
    // A protocol violation (e.g. an unmasked frame) is an 'error' event: unheard, it would
    // end the process. ws closes the socket itself afterwards, and 'close' cleans up.
    conn.ws.on('error', (err: Error) => this.opts.log(`yjs ${boardId}: websocket error of user ${conn.userId}: ${err.message}`));

    let room: Room;
    try {
      room = await this.room(boardId);
    } catch (err) {
      this.opts.log(`yjs ${boardId}: could not load the board: ${(err as Error).message}`);
      conn.ws.close(1011, 'board unavailable');
      return;
    }
    if (conn.ws.readyState !== conn.ws.OPEN) {
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
      shapeProblem(room.doc, decoded, { userId: conn.userId, scope: conn.scope, kind: room.kind }) ??
      (conn.scope === 'own-pairs' ? ownPairsOnly(room.doc, update, conn.userId) : { ok: true as const });
    if (typeof problem === 'string' || !problem.ok) {
      this.opts.log(`yjs ${room.boardId}: refused an update of user ${conn.userId}: ${typeof problem === 'string' ? problem : problem.reason}`);
      return this.fillRefused(room, conn, room.clientIds.garbage(room.doc, decoded, conn.userId));
    }
    const over = this.sizes?.admit(room.doc, update);
    if (over) {
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
    try {
      events = room.projector.apply(update, conn);
    } finally {
      room.doc.off('update', capture);
      // Never reached after the check above; should Yjs park anything anyway, it must not
      // integrate later inside someone else's transaction.
      if (dropPending(room.doc)) this.opts.log(`yjs ${room.boardId}: dropped changes left pending by an update of user ${conn.userId}`);
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

  private unload(room: Room) {
    if (this.live.get(room.boardId) !== room) return;
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
    await Promise.all([...this.rooms.values()].map((r) => r.catch(() => null)));
    for (const room of [...this.live.values()]) {
      for (const conn of room.conns) conn.ws.close(1001, 'server shutting down');
      this.unload(room);
    }
    await Promise.all(this.unloading.values());
  }
}

function tell(conn: Connection, status: BoardStatus) {
  if (conn.wantsStatus) send(conn, encodeBoardStatus(status));
}

function send(conn: Connection, message: Uint8Array) {
  if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(message, (err) => err && conn.ws.terminate());
}
