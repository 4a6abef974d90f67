import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/*
 * Board rooms speaking the standard y-websocket protocol (sync + awareness), so the stock
 * WebsocketProvider works unchanged. A board is loaded completely before its first sync
 * reply, and unloaded when its last connection leaves.
 *
 * Writes: this foundation serves boards read-only for every connection: SyncStep1 is
 * answered and awareness flows, but Update and SyncStep2 are dropped. The live-core issue
 * opens the write path (write filter → persist → audit) in this same pipeline.
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export type Connection = { ws: WebSocket; userId: string; awarenessIds: Set<number> };

type Room = { doc: Y.Doc; awareness: awarenessProtocol.Awareness; conns: Set<Connection> };

export type RoomsOptions = {
  loadState: (boardId: string) => Promise<Uint8Array>;
  maxMessageBytes: number;
  log: (msg: string) => void;
};

export class BoardRooms {
  private readonly rooms = new Map<string, Promise<Room>>();

  constructor(private readonly opts: RoomsOptions) {}

  private room(boardId: string): Promise<Room> {
    let room = this.rooms.get(boardId);
    if (!room) {
      room = this.opts.loadState(boardId).then((state) => {
        const doc = new Y.Doc({ gc: true });
        Y.applyUpdate(doc, state);
        const awareness = new awarenessProtocol.Awareness(doc);
        awareness.setLocalState(null);
        const r: Room = { doc, awareness, conns: new Set() };
        awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
          const changed = [...added, ...updated, ...removed];
          const from = origin as Connection | undefined;
          if (from && r.conns.has(from)) {
            for (const id of added) from.awarenessIds.add(id);
            for (const id of removed) from.awarenessIds.delete(id);
          }
          const enc = encoding.createEncoder();
          encoding.writeVarUint(enc, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
          this.broadcast(r, encoding.toUint8Array(enc));
        });
        return r;
      });
      room.catch(() => this.rooms.delete(boardId));
      this.rooms.set(boardId, room);
    }
    return room;
  }

  private broadcast(room: Room, message: Uint8Array) {
    for (const conn of room.conns) send(conn, message);
  }

  /** Attaches an accepted socket to its board. Messages that arrive while loading wait. */
  async join(boardId: string, conn: Connection): Promise<void> {
    const pending: Uint8Array[] = [];
    let ready: Room | null = null;
    conn.ws.on('message', (data: Buffer, isBinary: boolean) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (!isBinary || bytes.byteLength > this.opts.maxMessageBytes) {
        this.opts.log(`yjs ${boardId}: closing a connection that sent ${isBinary ? `${bytes.byteLength} bytes` : 'text'}`);
        conn.ws.close(1009, 'message refused');
        return;
      }
      if (ready) this.receive(ready, conn, bytes, boardId);
      else pending.push(bytes);
    });
    conn.ws.on('close', () => {
      if (ready) this.leave(boardId, ready, conn);
    });

    let room: Room;
    try {
      room = await this.room(boardId);
    } catch (err) {
      this.opts.log(`yjs ${boardId}: could not load the board: ${(err as Error).message}`);
      conn.ws.close(1011, 'board unavailable');
      return;
    }
    if (conn.ws.readyState !== conn.ws.OPEN) {
      if (room.conns.size === 0) this.unload(boardId, room);
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
    for (const bytes of pending.splice(0)) this.receive(room, conn, bytes, boardId);
  }

  private receive(room: Room, conn: Connection, bytes: Uint8Array, boardId: string) {
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
        }
        // SyncStep2 and Update are writes: dropped here (read-only until the live core).
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(dec), conn);
      }
    } catch (err) {
      this.opts.log(`yjs ${boardId}: closing a connection after a malformed message: ${(err as Error).message}`);
      conn.ws.close(1003, 'malformed message');
    }
  }

  private leave(boardId: string, room: Room, conn: Connection) {
    if (!room.conns.delete(conn)) return;
    awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    if (room.conns.size === 0) this.unload(boardId, room);
  }

  private unload(boardId: string, room: Room) {
    room.awareness.destroy();
    room.doc.destroy();
    this.rooms.delete(boardId);
  }

  get loadedBoards(): number {
    return this.rooms.size;
  }

  closeAll() {
    for (const room of this.rooms.values()) {
      void room.then((r) => r.conns.forEach((c) => c.ws.close(1001, 'server shutting down'))).catch(() => {});
    }
  }
}

function send(conn: Connection, message: Uint8Array) {
  if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(message, (err) => err && conn.ws.terminate());
}
