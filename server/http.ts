import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { WebSocketServer } from 'ws';
import { getBoardFor, loadBoardForRoom } from '../db/queries/boards';
import { loadPrincipal } from '../db/queries/users';
import type { DbHandle } from '../db/client';
import { loggableError, redactDbText } from '../db/error-text';
import { isAppError } from '../lib/errors';
import { editScope } from '../lib/permissions';
import { boardRoom } from '../lib/realtime/events';
import { toFeedEvent } from './realtime/feed';
import { CLIENT_ADDRESS_HEADER } from './auth/client-address';
import { sessionClaims } from './auth/session';
import type { Config } from './config';
import { YjsAccess } from './realtime/live-access';
import { onRightsChanged, rightsVersion } from './realtime/revocation';
import { createSocketIo } from './realtime/socketio';
import { BoardPersistence } from './yjs/persistence';
import { BoardRooms } from './yjs/rooms';

export { ROOT_DIR } from './root';
import { ROOT_DIR } from './root';

export type TropaServer = {
  server: http.Server;
  url: string;
  rooms: BoardRooms;
  persistence: BoardPersistence;
  close(): Promise<void>;
};

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 500) {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Who is asking: the socket's address, or with TRUST_PROXY the proxy's X-Forwarded-*.
 * Whatever a client sent under our own header name is overwritten, never trusted.
 */
function stampClient(req: IncomingMessage, trustProxy: boolean) {
  const forwardedFor = String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim();
  req.headers[CLIENT_ADDRESS_HEADER] = (trustProxy && forwardedFor) || req.socket.remoteAddress || 'unknown';
  if (!trustProxy) {
    req.headers['x-forwarded-proto'] = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    delete req.headers['x-forwarded-host'];
  }
}

/**
 * One HTTP server for everything: Next.js pages and route handlers, socket.io, and the Yjs
 * websocket endpoint, on one port. We own the upgrade dispatch: Next is handed a private
 * emitter as its `httpServer`, so the upgrade listener it installs on its first request
 * (and which ends upgrades whose path matches a page route) never sees /yjs or /socket.io.
 */
export async function createTropaServer(opts: {
  config: Config;
  dev: boolean;
  db: DbHandle;
  secret: string;
  log: (msg: string) => void;
}): Promise<TropaServer> {
  const { config, dev, db, secret, log } = opts;
  const nextUpgrades = new EventEmitter();
  const app = next({ dev, dir: ROOT_DIR, hostname: config.HOST, port: config.PORT, httpServer: nextUpgrades as never, quiet: !dev });
  await app.prepare();
  const handle = app.getRequestHandler();

  const { io, engine, reauthorise: reauthoriseFeed } = createSocketIo({ db: () => db.db, secret, log });
  const persistence = new BoardPersistence({
    db: () => db.db,
    log,
    commitWindowMs: config.COMMIT_WINDOW_MS,
    // The live feed of the history page: committed audit rows, as the API returns them.
    onCommitted: (boardId, rows) => {
      void toFeedEvent(db.db, rows).then((events) => events.forEach((e) => io.to(boardRoom(boardId)).emit('board:audit', boardId, e)));
    },
  });
  const rooms = new BoardRooms({
    load: (boardId) => loadBoardForRoom(db.db, boardId),
    persistence,
    maxMessageBytes: config.YJS_MAX_MESSAGE_BYTES,
    maxDecodeMs: 250,
    typingQuietMs: config.AUDIT_TYPING_QUIET_MS,
    log: (msg) => log(redactDbText(msg)), // a board that fails to load names its query, not its values
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.YJS_MAX_MESSAGE_BYTES + 1024 });
  // Open connections follow changes of rights (server/realtime/revocation.ts); unsure means closed.
  const yjsAccess = new YjsAccess(async (userId, boardId) => {
    const principal = await loadPrincipal(db.db, userId);
    if (!principal) return null;
    return editScope(principal, (await getBoardFor(db.db, principal, boardId)).resource);
  });
  const stopFollowingRights = onRightsChanged((change) => Promise.all([yjsAccess.reauthorise(change), reauthoriseFeed(change)]).then(() => {}));

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    stampClient(req, config.TRUST_PROXY);
    if (req.url?.startsWith('/socket.io/')) {
      engine.handleRequest(req as never, res);
      return;
    }
    handle(req, res).catch((err: unknown) => {
      log(`request ${req.method} ${req.url} failed: ${loggableError(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function upgradeYjs(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const boardId = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice('/yjs/'.length)).replace(/\/$/, '');
    const session = await sessionClaims(req, secret);
    if (!session) return refuseUpgrade(socket, 401);
    const { userId } = session;
    const version = rightsVersion();
    let scope;
    let canonicalId: string;
    try {
      const principal = await loadPrincipal(db.db, userId);
      if (!principal) return refuseUpgrade(socket, 401);
      const board = await getBoardFor(db.db, principal, boardId);
      scope = editScope(principal, board.resource);
      canonicalId = board.id;
    } catch (err) {
      if (isAppError(err)) return refuseUpgrade(socket, err.code === 'UNAUTHENTICATED' ? 401 : 403);
      log(`yjs upgrade failed: ${loggableError(err)}`);
      return refuseUpgrade(socket, 500);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = { ws, userId, scope, awarenessIds: new Set<number>() };
      yjsAccess.track(canonicalId, conn, session.expiresAt);
      if (rightsVersion() !== version) void yjsAccess.reauthorise({ userId }); // changed while we looked
      void rooms.join(boardId, conn);
    });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    stampClient(req, config.TRUST_PROXY);
    const url = req.url ?? '/';
    if (url.startsWith('/yjs/')) {
      upgradeYjs(req, socket, head).catch(() => refuseUpgrade(socket, 500));
    } else if (url.startsWith('/socket.io/')) {
      engine.handleUpgrade(req as never, socket as never, head);
    } else if (nextUpgrades.listenerCount('upgrade') > 0) {
      nextUpgrades.emit('upgrade', req, socket, head); // e.g. the dev server's hot reload
    } else {
      refuseUpgrade(socket, 404);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;

  return {
    server,
    url: `http://${host}:${port}`,
    rooms,
    persistence,
    async close() {
      stopFollowingRights();
      await rooms.closeAll();
      await persistence.close();
      io.close();
      engine.close();
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close?.();
    },
  };
}
