'use client';
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/*
 * Each board opened in a browser is cached in IndexedDB (offline work). School computers are
 * shared: on sign-out every board cache is deleted, so the next person at the machine finds
 * no board data. The names are also remembered in localStorage, for browsers that cannot
 * list their databases (indexedDB.databases() is recent in Firefox).
 */
const PREFIX = 'tropa-board-';
const KNOWN = 'tropa-board-caches';
const open = new Set<IndexeddbPersistence>();

function remembered(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(KNOWN) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string' && n.startsWith(PREFIX)) : [];
  } catch {
    return [];
  }
}

/** The board's offline cache; `close` when the board is left. */
export function openBoardCache(boardId: string, doc: Y.Doc): { close(): void } {
  const name = `${PREFIX}${boardId}`;
  try {
    const names = remembered();
    if (!names.includes(name)) localStorage.setItem(KNOWN, JSON.stringify([...names, name]));
  } catch {
    // storage full or disabled: indexedDB.databases() still finds it
  }
  const cache = new IndexeddbPersistence(name, doc);
  open.add(cache);
  return {
    close() {
      open.delete(cache);
      void cache.destroy();
    },
  };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = () => resolve();
    // Blocked by a connection elsewhere (another tab): the deletion goes ahead when it closes.
    req.onblocked = () => setTimeout(resolve, 1_000);
  });
}

/** Deletes every board cache of this browser (sign-out). */
export async function clearBoardCaches(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  // Our own open connections would block the deletion.
  await Promise.all([...open].map((cache) => cache.destroy().catch(() => {})));
  open.clear();
  const names = new Set(remembered());
  try {
    for (const db of await indexedDB.databases()) if (db.name?.startsWith(PREFIX)) names.add(db.name);
  } catch {
    // not supported: the remembered names will do
  }
  await Promise.all([...names].map(deleteDatabase));
  try {
    localStorage.removeItem(KNOWN);
  } catch {
    // nothing to forget
  }
}
