import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { readBoard, readMeta } from '../../lib/board/doc';
import { AppError } from '../../lib/errors';
import { boardToRoadmap } from '../../lib/export/from-board';
import type { RoadmapExport } from '../../lib/export/types';
import type { Principal } from '../../lib/permissions';
import type { Db } from '../client';
import { organisations } from '../schema';
import { getBoardFor, loadBoardState } from './boards';

/**
 * A roadmap board as a plan to hand on (DOCX / XLSX): whoever may read the board may take
 * it away. Read from the stored state, which trails the live room by one commit window.
 */
export async function roadmapForExport(db: Db, principal: Principal | null, boardId: string): Promise<{ roadmap: RoadmapExport; title: string }> {
  const board = await getBoardFor(db, principal, boardId, 'board.read');
  if (board.kind !== 'roadmap') throw new AppError('INVALID_INPUT', 'only a roadmap board can be exported as a plan', { fields: ['kind'] });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await loadBoardState(db, board.id));
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, board.orgId));
  const view = readBoard(doc);
  const meta = readMeta(doc);
  const period = meta.period ?? (board.periodFrom && board.periodTo ? { from: String(board.periodFrom), to: String(board.periodTo) } : null);
  return { roadmap: boardToRoadmap({ ...view, title: board.title }, { ...meta, period }, org?.name ?? null), title: board.title };
}
