import * as Y from 'yjs';
import type { DbHandle } from '../../db/client';
import { loadBoardForRoom } from '../../db/queries/boards';
import { BoardProjector } from '../../lib/audit/projector';

/**
 * Tropa's room load path, as server/yjs/rooms.ts open() runs it: snapshot + log read unmerged
 * (the first clients are answered from these bytes), applied part by part, projector attached.
 */
export async function loadPath(handle: DbHandle, boardId: string) {
  const t0 = performance.now();
  const loaded = await loadBoardForRoom(handle.db, boardId);
  const t1 = performance.now();
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => loaded.parts.forEach((part) => Y.applyUpdate(doc, part)));
  const projector = new BoardProjector(doc);
  const t2 = performance.now();
  const cards = doc.getMap('cards').size;
  projector.destroy();
  doc.destroy();
  const storedBytes = loaded.parts.reduce((n, p) => n + p.byteLength, 0);
  return { totalMs: t2 - t0, readMs: t1 - t0, applyMs: t2 - t1, stateBytes: storedBytes, logRows: loaded.logged.count, cards };
}
