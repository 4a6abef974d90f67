import type { WebSocket } from 'ws';
import { narrowerScope, type EditScope } from '../../lib/permissions';
import { whenExpired, type RightsChange } from './revocation';

/** Close codes a board's page reacts to: it reloads, and the server renders it with today's rights. */
export const CLOSE_RIGHTS_CHANGED = 4403;
export const CLOSE_SESSION_EXPIRED = 4401;

/** What a room reads on every message: the same object, so a narrowed scope applies to the next one. */
type LiveConnection = { ws: WebSocket; userId: string; scope: EditScope };
type Entry = { boardId: string; conn: LiveConnection };

/** A user's scope on a board now, or null when it may not read the board any more. */
export type DecideScope = (userId: string, boardId: string) => Promise<EditScope | null>;

/**
 * The open Yjs connections by user and board, so that a change of rights or a session running
 * out reaches them: fewer rights take effect before the next message (the connection's scope
 * is narrowed in place), then the connection is closed so that the client comes back through
 * the upgrade with whatever it may do now. A wider scope waits for that reconnect.
 */
export class YjsAccess {
  private readonly entries = new Set<Entry>();

  constructor(private readonly decide: DecideScope) {}

  track(boardId: string, conn: LiveConnection, expiresAt: number | null) {
    const entry = { boardId, conn };
    this.entries.add(entry);
    const cancel = whenExpired(expiresAt, () => {
      conn.scope = 'none';
      conn.ws.close(CLOSE_SESSION_EXPIRED, 'session expired');
    });
    conn.ws.once('close', () => {
      cancel();
      this.entries.delete(entry);
    });
  }

  async reauthorise(change: RightsChange): Promise<void> {
    const concerned = [...this.entries].filter((e) => ('userId' in change ? e.conn.userId === change.userId : e.boardId === change.boardId));
    const decisions = new Map<string, Promise<EditScope | null>>();
    await Promise.all(
      concerned.map(async ({ boardId, conn }) => {
        if ('sessionsEnded' in change && change.sessionsEnded) {
          conn.scope = 'none';
          return conn.ws.close(CLOSE_SESSION_EXPIRED, 'session ended');
        }
        const key = `${conn.userId} ${boardId}`;
        if (!decisions.has(key)) decisions.set(key, this.decide(conn.userId, boardId).catch(() => null)); // unsure: closed
        const scope = await decisions.get(key)!;
        if (scope === conn.scope) return;
        conn.scope = scope === null ? 'none' : narrowerScope(conn.scope, scope);
        conn.ws.close(CLOSE_RIGHTS_CHANGED, scope === null ? 'access revoked' : 'rights changed');
      }),
    );
  }
}
