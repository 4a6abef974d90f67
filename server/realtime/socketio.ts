import type { IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { Server as EngineServer } from 'engine.io';
import { getBoardFor } from '../../db/queries/boards';
import { loadPrincipal } from '../../db/queries/users';
import type { Db } from '../../db/client';
import { loggableError } from '../../db/error-text';
import { isAppError } from '../../lib/errors';
import { boardRoom, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from '../../lib/realtime/events';
import type { Principal } from '../../lib/permissions';
import { sessionClaims } from '../auth/session';
import { rightsVersion, whenExpired, type RightsChange } from './revocation';

export type TropaIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * socket.io on Tropa's own server and port. It is bound to an engine that the HTTP server
 * dispatches to (server/http.ts), so socket.io never installs listeners of its own.
 */
export function createSocketIo(opts: { db: () => Db; secret: string; log: (msg: string) => void }): {
  io: TropaIo;
  engine: EngineServer;
  reauthorise: (change: RightsChange) => Promise<void>;
} {
  const io: TropaIo = new Server({ serveClient: false, maxHttpBufferSize: 1e6 });
  // An engine bound by hand (instead of io.attach) keeps the upgrade dispatch ours.
  const engine = new EngineServer({ maxHttpBufferSize: 1e6 });
  io.bind(engine as never);

  io.use(async (socket, next) => {
    const session = await sessionClaims(socket.request as IncomingMessage, opts.secret);
    if (!session) return next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } }));
    socket.data.userId = session.userId;
    socket.data.expiresAt = session.expiresAt;
    next();
  });

  // The feed carries names and before/after values: it is the audit trail, live (audit.read).
  const mayFollow = async (principal: Principal | null, boardId: string) => (await getBoardFor(opts.db(), principal, boardId, 'audit.read')).id;

  io.on('connection', (socket) => {
    const cancelExpiry = whenExpired(socket.data.expiresAt, () => socket.disconnect(true));
    socket.on('disconnect', cancelExpiry);
    socket.on('board:join', async (boardId, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const version = rightsVersion();
        const principal = await loadPrincipal(opts.db(), socket.data.userId);
        // The stored id (lookups ignore case): the feed is emitted to that room.
        const id = await mayFollow(principal, String(boardId));
        await socket.join(boardRoom(id));
        // Rights changed while we looked: the listener could not see this socket in the room yet.
        if (rightsVersion() !== version) await reauthorise({ userId: socket.data.userId });
        if (!socket.rooms.has(boardRoom(id))) return ack({ ok: false, code: 'FORBIDDEN' });
        ack({ ok: true, boardId: id });
      } catch (err) {
        if (isAppError(err)) return ack({ ok: false, code: err.code });
        opts.log(`socket.io board:join failed: ${loggableError(err)}`);
        ack({ ok: false, code: 'NOT_FOUND' });
      }
    });
    socket.on('board:leave', async (boardId, ack) => {
      await socket.leave(boardRoom(String(boardId).toLowerCase())); // board ids are UUIDs, stored in lower case
      if (typeof ack === 'function') ack({ ok: true });
    });
  });
  /** A socket keeps only the board feeds its user may still follow; a disabled user's sockets close. */
  async function reauthorise(change: RightsChange) {
    const sockets = [...io.of('/').sockets.values()].filter((s) =>
      'userId' in change ? s.data.userId === change.userId : s.rooms.has(boardRoom(change.boardId)),
    );
    const principals = new Map<string, Promise<Principal | null>>();
    await Promise.all(
      sockets.map(async (socket) => {
        const { userId } = socket.data;
        if (!principals.has(userId)) principals.set(userId, loadPrincipal(opts.db(), userId).catch(() => null));
        const principal = await principals.get(userId)!;
        if (!principal || ('sessionsEnded' in change && change.sessionsEnded)) return void socket.disconnect(true);
        for (const room of [...socket.rooms].filter((r) => r.startsWith(boardRoom('')))) {
          const allowed = await mayFollow(principal, room.slice(boardRoom('').length)).then(() => true, () => false);
          if (!allowed) await socket.leave(room);
        }
      }),
    );
  }

  return { io, engine, reauthorise };
}

