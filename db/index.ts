import type { DbHandle } from './client';

// The server opens the database once (server/start-up) and Next's route handlers, which
// live in a separately bundled module graph of the same process, find it here. PGlite in
// particular must never be opened twice on one data directory.
const KEY = Symbol.for('tropa.db');
type Holder = { [KEY]?: DbHandle };

export function setDb(handle: DbHandle | undefined): void {
  (globalThis as Holder)[KEY] = handle;
}

export function getDbHandle(): DbHandle {
  const handle = (globalThis as Holder)[KEY];
  if (!handle) throw new Error('The database is not open: start Tropa through server/ (npm start / npm run dev).');
  return handle;
}

export const getDb = () => getDbHandle().db;
export type { Db, DbHandle, DbKind } from './client';
