/*
 * Rights are checked when a websocket opens, but a connection lives for hours: a role taken
 * away, an account disabled or a session that runs out must reach the connections already
 * open. Whoever changes a user's rights calls `notifyPrincipalChanged(userId)` (or
 * `notifyBoardChanged`); the live endpoints re-check the connections concerned at once.
 *
 * The registry lives on globalThis under a Symbol, not in this module: Next bundles the
 * route handlers and server actions apart from the custom server (server/http.ts), so the
 * two load separate copies of this file in the same process, and only globalThis is shared.
 * One process only: with several instances (REDIS_URL, see DESIGN.md) the notification
 * must also be published on a Redis channel that every instance subscribes to.
 */

/**
 * Whose rights changed: one user's (roles, account disabled), or everyone's on one board
 * (archived); `sessionsEnded`: the user's sessions ended (password changed or reset), so every
 * connection of that user closes whatever its rights.
 */
export type RightsChange = { userId: string; sessionsEnded?: boolean } | { boardId: string };
export type RightsListener = (change: RightsChange) => void | Promise<void>;

type Registry = { listeners: Set<RightsListener>; version: number };
const KEY = Symbol.for('tropa.rights-changes');
type Holder = { [KEY]?: Registry };

function registry(): Registry {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= { listeners: new Set(), version: 0 });
}

/** Subscribes to changes of rights; returns the unsubscribe function. */
export function onRightsChanged(listener: RightsListener): () => void {
  const { listeners } = registry();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

async function notify(change: RightsChange, key: string): Promise<void> {
  const reg = registry();
  reg.version++;
  await Promise.all(
    [...reg.listeners].map(async (listener) => {
      try {
        await listener(change);
      } catch (err) {
        console.error(`[tropa] re-checking the open connections (${key}) failed: ${(err as Error).message}`);
      }
    }),
  );
}

/**
 * A user's roles changed or its account was disabled: every open connection of that user is
 * re-checked before this resolves, so the caller can answer "done" knowing the old rights
 * are gone. A listener that fails does not stop the others.
 */
export const notifyPrincipalChanged = (userId: string) => notify({ userId }, `user:${userId}`);

/** A user's sessions ended (password changed or reset): every open connection of that user closes. */
export const notifySessionsEnded = (userId: string) => notify({ userId, sessionsEnded: true }, `sessions:${userId}`);

/** A board's own state changed what anyone may do on it (archived, unarchived). */
export const notifyBoardChanged = (boardId: string) => notify({ boardId }, `board:${boardId}`);

/**
 * Counts the changes of rights in this process. An upgrade or a join reads it before it loads
 * the rights and compares after it is registered: a change in between, which the listeners
 * could not see, makes it check again.
 */
export const rightsVersion = (): number => registry().version;

// setTimeout holds at most 2^31-1 ms (~24.8 days); a longer wait is re-armed.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onExpired` once `expiresAt` (ms since the epoch) has passed; returns a cancel function. */
export function whenExpired(expiresAt: number | null, onExpired: () => void): () => void {
  if (expiresAt === null) return () => {};
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt - Date.now();
    if (left <= 0) return onExpired();
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
