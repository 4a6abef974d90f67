import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import { activityCount } from '../../lib/import/types';
import { ImportedRoadmap } from '../../lib/import/schema';
import { boardTitle, roadmapToBoardInit } from '../../lib/import/to-board';
import { can } from '../../lib/permissions';
import { NewBoard, parseInput } from '../../lib/validation';
import type { Db } from '../client';
import { organisations, type Board } from '../schema';
import { authoriseBoardCreate, insertBoard } from './boards';
import type { Actor } from './organisations';

type ImportSource = { filename: string | null };

/**
 * Who may send a document to the import: someone who may create a board in the given
 * organisation, or, when none is given, in at least one. Asked before the upload is read,
 * so nobody else can make the server read or parse anything.
 */
export async function authoriseImport(db: Db, actor: Actor, orgId: string | null): Promise<void> {
  if (orgId !== null) return authoriseBoardCreate(db, actor, orgId);
  if ('system' in actor) return;
  // A role reaches the organisations below its own: its own is where it may create, if anywhere.
  if (!actor.memberships.some((m) => can(actor, 'board.create', { type: 'org', orgPath: [m.orgId] }))) throw new AppError('FORBIDDEN');
}

/**
 * Makes a roadmap board from an imported (and possibly edited) roadmap. Authorise on the
 * organisation first, then validate the roadmap, then create the board with all its
 * stages and activities and its `board.created` audit row in one transaction.
 */
export async function createBoardFromImport(db: Db, actor: Actor, orgId: unknown, roadmap: unknown, source: ImportSource = { filename: null }): Promise<Board> {
  await authoriseBoardCreate(db, actor, orgId);
  const r = parseInput(ImportedRoadmap, roadmap);
  const data = parseInput(NewBoard, { orgId, kind: 'roadmap', title: boardTitle(r.title), periodFrom: r.period?.from ?? null, periodTo: r.period?.to ?? null });
  return insertBoard(db, actor, data, roadmapToBoardInit(r, randomUUID), {
    kind: 'import',
    filename: source.filename,
    stages: r.stages.length,
    activities: activityCount(r),
  });
}

/** The organisation with this slug, for the CLI's `--org <slug>`. */
export async function orgIdBySlug(db: Db, slug: string): Promise<string | null> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  return org?.id ?? null;
}
