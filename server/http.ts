import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import next from 'next';
import { WebSocketServer } from 'ws';
import { registeredBoardWriter, setBoardWriter, type BoardWriter } from '../db/board-writer';
import { loadBoardPairs } from '../db/queries/board-pairs';
import { getBoardFor, loadBoardForRoom } from '../db/queries/boards';
import { getUser, loadPrincipal } from '../db/queries/users';
import type { DbHandle } from '../db/client';
import { loggableError, redactDbText } from '../db/error-text';
import { isAppError } from '../lib/errors';
import { allowedHostNames, clientAddress, isAllowedHost, isCrossSiteApiWrite, lastForwarded } from '../lib/http/request-guard';
import { editScope } from '../lib/permissions';
import { STATUS_PARAM } from '../lib/realtime/board-status';
import { boardRoom } from '../lib/realtime/events';
import { upgradeOriginAllowed } from '../lib/realtime/origin';
import { toFeedEvent } from './realtime/feed';
import { CLIENT_ADDRESS_HEADER } from './auth/client-address';
import { sessionClaims } from './auth/session';
import type { Config } from './config';
import { YjsAccess } from './realtime/live-access';
import { onRightsChanged, rightsVersion } from './realtime/revocation';
import { createSocketIo } from './realtime/socketio';
import { BoardPersistence } from './yjs/persistence';
import { BoardRooms } from './yjs/rooms';
import { restoreUnsaved } from './yjs/unsaved';

export { ROOT_DIR } from './root';
import { ROOT_DIR } from './root';

export type TropaServer = {
  server: http.Server;
  url: string;
  rooms: BoardRooms;
  persistence: BoardPersistence;
  /** Closes every connection and stores pending board writes until `deadline` (epoch ms); `stored` says whether all were. */
  close(deadline?: number): Promise<{ stored: boolean }>;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 500) {
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Who is asking: the socket's address, or with TRUST_PROXY what the proxy appended to
 * X-Forwarded-For / -Proto (the right-most entries; those to their left are the client's word).
 * Whatever a client sent under our own header name is overwritten, never trusted.
 */
function stampClient(req: IncomingMessage, trustProxy: boolean) {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({ trustProxy, forwardedFor: req.headers['x-forwarded-for'], socketAddress: req.socket.remoteAddress });
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted;
  if (trustProxy) {
    req.headers['x-forwarded-proto'] = lastForwarded(req.headers['x-forwarded-proto']) ?? (encrypted ? 'https' : 'http');
    const forwardedHost = lastForwarded(req.headers['x-forwarded-host']);
    if (forwardedHost) req.headers['x-forwarded-host'] = forwardedHost;
  } else {
    req.headers['x-forwarded-proto'] = encrypted ? 'https' : 'http';
    delete req.headers['x-forwarded-host'];
  }
}

/** The host the browser addressed: the trusted proxy's X-Forwarded-Host, else Host. */
const addressedHost = (req: IncomingMessage) => (req.headers['x-forwarded-host'] as string | undefined) ?? req.headers.host;

/**
 * Without PUBLIC_URL, sign-in builds its redirects from the addressed host, so a forged Host
 * would send a user to another site: only names of this server are answered (400 otherwise).
 */
function hostVetter(config: Config): (req: IncomingMessage) => boolean {
  if (config.PUBLIC_URL) return () => true;
  const allowed = allowedHostNames({
    listenHost: config.HOST,
    interfaceAddresses: Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address)),
    machineName: os.hostname(),
    extra: config.ALLOWED_HOSTS,
  });
  return (req) => isAllowedHost(req.headers.host, allowed) && (req.headers['x-forwarded-host'] === undefined || isAllowedHost(addressedHost(req), allowed));
}

function refuseRequest(res: ServerResponse, status: 400 | 403, code: 'INVALID_INPUT' | 'FORBIDDEN', message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ error: { code, message } }));
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
    onBoardStatus: (boardId, status) => rooms.boardWriteStatus(boardId, status),
  });
  const rooms = new BoardRooms({
    load: (boardId) => loadBoardForRoom(db.db, boardId),
    loadPairs: (boardId) => loadBoardPairs(db.db, boardId),
    persistence,
    maxMessageBytes: config.YJS_MAX_MESSAGE_BYTES,
    maxDecodeMs: 250,
    typingQuietMs: config.AUDIT_TYPING_QUIET_MS,
    log: (msg) => log(redactDbText(msg)), // a board that fails to load names its query, not its values
    limits: {
      messagesPerSecond: config.YJS_BUDGET_MESSAGES_PER_SEC,
      burstMessages: config.YJS_BUDGET_BURST_MESSAGES,
      bytesPerSecond: config.YJS_BUDGET_BYTES_PER_SEC,
      burstBytes: config.YJS_BUDGET_BURST_BYTES,
    },
    caps: { maxBytes: config.BOARD_MAX_BYTES, maxCards: config.BOARD_MAX_CARDS },
  });
  // The live board writer: domain verbs (route handlers, in this process) write pair cards and
  // restores through the rooms, so open boards see them at once (db/board-writer.ts).
  const boardWriter: BoardWriter = {
    pairCards: (boardId, actorId, ops) => rooms.applyServerOps(boardId, actorId, ops),
    pairsChanged: (boardId) => rooms.pairsChanged(boardId),
    restore: (boardId, actorId, op) => rooms.restore(boardId, actorId, op),
  };
  setBoardWriter(boardWriter);
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.YJS_MAX_MESSAGE_BYTES + 1024 });
  // Writes a previous shutdown could not store are stored before any board opens.
  await restoreUnsaved(config.dataDir, persistence, log);
  // Open connections follow changes of rights (server/realtime/revocation.ts); unsure means closed.
  const yjsAccess = new YjsAccess(async (userId, boardId) => {
    const principal = await loadPrincipal(db.db, userId);
    if (!principal) return null;
    return editScope(principal, (await getBoardFor(db.db, principal, boardId)).resource);
  });
  const stopFollowingRights = onRightsChanged((change) => Promise.all([yjsAccess.reauthorise(change), reauthoriseFeed(change)]).then(() => {}));

  const hostIsOurs = hostVetter(config);
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    stampClient(req, config.TRUST_PROXY);
    if (!hostIsOurs(req)) return refuseRequest(res, 400, 'INVALID_INPUT', 'unknown host');
    const path = (req.url ?? '/').split('?')[0];
    // One check for every JSON route; server actions have Next's own, next-auth its CSRF token.
    if (isCrossSiteApiWrite({ method: req.method, path, origin: req.headers.origin, host: addressedHost(req), publicOrigin: config.PUBLIC_URL })) {
      return refuseRequest(res, 403, 'FORBIDDEN', 'cross-site request refused');
    }
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
    const url = new URL(req.url ?? '/', 'http://x');
    const boardId = decodeURIComponent(url.pathname.slice('/yjs/'.length)).replace(/\/$/, '');
    const wantsStatus = url.searchParams.get(STATUS_PARAM) === '1';
    const session = await sessionClaims(req, secret);
    if (!session) return refuseUpgrade(socket, 401);
    const { userId } = session;
    const version = rightsVersion();
    let scope;
    let canonicalId: string;
    let name: string;
    try {
      const principal = await loadPrincipal(db.db, userId);
      if (!principal) return refuseUpgrade(socket, 401);
      const board = await getBoardFor(db.db, principal, boardId);
      scope = editScope(principal, board.resource);
      // The id as stored: the lookup ignores case, and one board must be one room, one
      // persistence queue and one audit chain whatever the URL's spelling.
      canonicalId = board.id;
      name = (await getUser(db.db, userId))?.name ?? userId;
    } catch (err) {
      if (isAppError(err)) return refuseUpgrade(socket, err.code === 'UNAUTHENTICATED' ? 401 : 403);
      log(`yjs upgrade failed: ${loggableError(err)}`);
      return refuseUpgrade(socket, 500);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = { ws, userId, name, scope, wantsStatus };
      yjsAccess.track(canonicalId, conn, session.expiresAt);
      if (rightsVersion() !== version) void yjsAccess.reauthorise({ userId }); // changed while we looked
      void rooms.join(canonicalId, conn);
    });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    stampClient(req, config.TRUST_PROXY);
    if (!hostIsOurs(req)) return refuseUpgrade(socket, 400);
    const url = req.url ?? '/';
    const ours = url.startsWith('/yjs/') || url.startsWith('/socket.io/');
    const host = (config.TRUST_PROXY && String(req.headers['x-forwarded-host'] ?? '').split(',')[0].trim()) || req.headers.host;
    if (ours && !upgradeOriginAllowed(req.headers.origin, { publicUrl: config.PUBLIC_URL, host })) {
      log(`refused a websocket upgrade to ${url.split('?')[0]} from origin ${JSON.stringify(req.headers.origin)}`);
      return refuseUpgrade(socket, 403);
    }
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
    async close(deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS) {
      stopFollowingRights();
      if (registeredBoardWriter() === boardWriter) setBoardWriter(null);
      // Nothing here may outlast the deadline: a database that is gone can hang a transaction.
      const until = (p: Promise<unknown>, end = deadline) => Promise.race([p.catch(() => {}), sleep(end - Date.now())]);
      await until(rooms.closeAll());
      const stored = await persistence.drain(deadline);
      io.close();
      engine.close();
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await until(new Promise<void>((resolve) => server.close(() => resolve())));
      await until(Promise.resolve(app.close?.()));
      return { stored };
    },
  };
}
