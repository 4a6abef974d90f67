import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import { ImportedRoadmap } from '../../lib/import/schema';
import { boardTitle, roadmapToBoardInit } from '../../lib/import/to-board';
import { can } from '../../lib/permissions';
import { parseInput } from '../../lib/validation';
import type { Db } from '../client';
import { organisations, type Board } from '../schema';
import { createBoard } from './boards';
import { orgPath, type Actor } from './organisations';

export type ImportSource = { filename: string | null };

/**
 * Makes a roadmap board from an imported (and possibly edited) roadmap. Authorise on the
 * organisation first, then validate the roadmap, then create the board with all its
 * stages and activities and its `board.created` audit row in one transaction.
 */
export async function createBoardFromImport(db: Db, actor: Actor, orgId: unknown, roadmap: unknown, source: ImportSource = { filename: null }): Promise<Board> {
  const path = typeof orgId === 'string' && /^[0-9a-f-]{36}$/i.test(orgId) ? await orgPath(db, orgId) : [];
  if (path.length === 0) throw new AppError('NOT_FOUND', 'organisation not found');
  if (!('system' in actor) && !can(actor, 'board.create', { type: 'org', orgPath: path })) throw new AppError('FORBIDDEN');
  const r = parseInput(ImportedRoadmap, roadmap);
  const init = roadmapToBoardInit(r, randomUUID);
  return createBoard(
    db,
    actor,
    { orgId, kind: 'roadmap', title: boardTitle(r.title), periodFrom: r.period?.from ?? null, periodTo: r.period?.to ?? null },
    init,
    {
      kind: 'import',
      filename: source.filename,
      stages: r.stages.length,
      activities: r.stages.reduce((n, s) => n + s.activities.length, 0),
    },
  );
}

/** The organisation with this slug, for the CLI's `--org <slug>`. */
export async function orgIdBySlug(db: Db, slug: string): Promise<string | null> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  return org?.id ?? null;
}
