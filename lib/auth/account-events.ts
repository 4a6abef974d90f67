/**
 * "This account's sessions have ended" (password changed or reset, account disabled), told
 * to whoever holds live connections for it (websockets, socket.io) so they can close them
 * at once instead of at their next check. One list per process, shared by the server's
 * modules and Next's separately bundled ones through globalThis (as the database handle is).
 */
export type AccountChange = 'password' | 'disabled';
type Listener = (userId: string, change: AccountChange) => void;

const KEY = Symbol.for('tropa.accountListeners');
type Holder = { [KEY]?: Set<Listener> };
const listeners = () => ((globalThis as Holder)[KEY] ??= new Set());

/** Subscribes; returns the unsubscribe function. */
export function onAccountChanged(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

/** Called after the change is committed. A failing listener does not stop the others. */
export function notifyAccountChanged(userId: string, change: AccountChange): void {
  for (const listener of listeners()) {
    try {
      listener(userId, change);
    } catch (err) {
      console.error('[tropa] account change listener failed', err);
    }
  }
}
