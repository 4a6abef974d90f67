import * as Y from 'yjs';
import { readBoard, readMeta } from '../../lib/board/doc';
import { AppError } from '../../lib/errors';
import { boardToRoadmap } from '../../lib/export/from-board';
import type { RoadmapExport } from '../../lib/export/types';
import type { Principal } from '../../lib/permissions';
import type { Db } from '../client';
import { getBoardFor, loadBoardState } from './boards';
import { getOrganisation } from './organisations';

/**
 * A roadmap board as a plan to hand on (DOCX / XLSX): whoever may read the board may take
 * it away. Read from the stored state, which trails the live room by one commit window.
 */
export async function roadmapForExport(db: Db, principal: Principal | null, boardId: string): Promise<{ roadmap: RoadmapExport; title: string }> {
  const board = await getBoardFor(db, principal, boardId, 'board.read');
  if (board.kind !== 'roadmap') throw new AppError('INVALID_INPUT', 'only a roadmap board can be exported as a plan', { fields: ['kind'] });
  const [state, org] = await Promise.all([loadBoardState(db, board.id), getOrganisation(db, board.orgId)]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const view = readBoard(doc);
  const meta = readMeta(doc);
  const period = meta.period ?? (board.periodFrom && board.periodTo ? { from: String(board.periodFrom), to: String(board.periodTo) } : null);
  return { roadmap: boardToRoadmap({ ...view, title: board.title }, { ...meta, period }, org?.name ?? null), title: board.title };
}
