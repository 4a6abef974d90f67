import type { IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { Server as EngineServer } from 'engine.io';
import { getBoardFor } from '../../db/queries/boards';
import { loadPrincipal } from '../../db/queries/users';
import type { Db } from '../../db/client';
import { isAppError } from '../../lib/errors';
import { boardRoom, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from '../../lib/realtime/events';
import { sessionUserId } from '../auth/session';

export type TropaIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * socket.io on Tropa's own server and port. It is bound to an engine that the HTTP server
 * dispatches to (server/http.ts), so socket.io never installs listeners of its own.
 */
export function createSocketIo(opts: { db: () => Db; secret: string; log: (msg: string) => void }): { io: TropaIo; engine: EngineServer } {
  const io: TropaIo = new Server({ serveClient: false, maxHttpBufferSize: 1e6 });
  // An engine bound by hand (instead of io.attach) keeps the upgrade dispatch ours.
  const engine = new EngineServer({ maxHttpBufferSize: 1e6 });
  io.bind(engine as never);

  io.use(async (socket, next) => {
    const userId = await sessionUserId(socket.request as IncomingMessage, opts.secret);
    if (!userId) return next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } }));
    socket.data.userId = userId;
    next();
  });

  io.on('connection', (socket) => {
    socket.on('board:join', async (boardId, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const principal = await loadPrincipal(opts.db(), socket.data.userId);
        // The stored id (lookups ignore case): the feed is emitted to that room.
        const board = await getBoardFor(opts.db(), principal, String(boardId));
        await socket.join(boardRoom(board.id));
        ack({ ok: true, boardId: board.id });
      } catch (err) {
        if (isAppError(err)) return ack({ ok: false, code: err.code });
        opts.log(`socket.io board:join failed: ${(err as Error).message}`);
        ack({ ok: false, code: 'NOT_FOUND' });
      }
    });
    socket.on('board:leave', async (boardId, ack) => {
      await socket.leave(boardRoom(String(boardId).toLowerCase())); // board ids are UUIDs, stored in lower case
      if (typeof ack === 'function') ack({ ok: true });
    });
  });
  return { io, engine };
}

