import * as Y from 'yjs';
import type { DbHandle } from '../../db/client';
import { loadBoardForRoom } from '../../db/queries/boards';
import { BoardProjector } from '../../lib/audit/projector';

/** Tropa's room load path, as server/yjs/rooms.ts open() runs it: log + snapshot read and merged, applied, projector attached. */
export async function loadPath(handle: DbHandle, boardId: string) {
  const t0 = performance.now();
  const loaded = await loadBoardForRoom(handle.db, boardId);
  const t1 = performance.now();
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, loaded.state);
  const projector = new BoardProjector(doc);
  const t2 = performance.now();
  const cards = doc.getMap('cards').size;
  projector.destroy();
  doc.destroy();
  return { totalMs: t2 - t0, readMs: t1 - t0, applyMs: t2 - t1, stateBytes: loaded.state.byteLength, logRows: loaded.logged.count, cards };
}
