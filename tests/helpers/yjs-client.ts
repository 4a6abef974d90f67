import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_BOARD_STATUS, readBoardStatus, STATUS_PARAM, type BoardStatus } from '../../lib/realtime/board-status';

/**
 * The stock y-websocket provider, as a browser would use it, with a session cookie.
 * `withStatus`: it also asks for the board's saving status, as the app's board does
 * (lib/realtime/board-status.ts), and collects what it hears in `statuses`.
 */
export function connectBoard(base: string, boardId: string, cookie: string | null, { withStatus = false } = {}) {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/yjs`, boardId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
    ...(withStatus ? { params: { [STATUS_PARAM]: '1' } } : {}),
  });
  const statuses: BoardStatus[] = [];
  if (withStatus) provider.messageHandlers[MESSAGE_BOARD_STATUS] = (_reply, decoder) => void statuses.push(readBoardStatus(decoder)!);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once('sync', (s: boolean) => s && resolve());
  });
  return {
    doc,
    provider,
    synced,
    statuses,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` holds (or fails with its last error after `ms`). */
export async function eventually(check: () => void | Promise<void>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
