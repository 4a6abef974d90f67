/**
 * The socket.io event map, shared by the client and the server so both are typed alike.
 * Errors travel as stable codes (lib/errors); the UI turns them into words.
 */
import type { ErrorCode } from '../errors';

export type Ack<T = object> = (reply: ({ ok: true } & T) | { ok: false; code: ErrorCode }) => void;

export type BoardAuditEvent = {
  id: number;
  at: string;
  actor: { id: string | null; name: string | null };
  type: string;
  cardId: string | null;
  data: { entityType: string; entityId: string | null; field?: string; before: unknown; after: unknown };
};

export interface ServerToClientEvents {
  'board:audit': (boardId: string, event: BoardAuditEvent) => void;
}

export interface ClientToServerEvents {
  'board:join': (boardId: string, ack: Ack<{ boardId: string }>) => void;
  'board:leave': (boardId: string, ack: Ack) => void;
}

/** Who the socket is, and when its session runs out (ms since the epoch; it is closed then). */
export type SocketData = { userId: string; expiresAt: number | null };

export const boardRoom = (boardId: string) => `board:${boardId}`;
