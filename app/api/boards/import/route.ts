// POST /api/boards/import – create a roadmap board from a (previewed, edited) roadmap.
// Body: {orgId, roadmap, filename?} → 201 {id}. The verb authorises, validates and audits.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { createBoardFromImport } from '@/db/queries/import';
import { AppError } from '@/lib/errors';
import { apiError } from '../../../_lib/api';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest) {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    const body = (await req.json().catch(() => null)) as { orgId?: unknown; roadmap?: unknown; filename?: unknown } | null;
    if (!body || typeof body !== 'object') throw new AppError('INVALID_INPUT', 'expected a JSON object', { fields: ['(input)'] });
    const filename = typeof body.filename === 'string' ? body.filename.slice(0, 255) : null;
    const board = await createBoardFromImport(getDb(), user.principal, body.orgId, body.roadmap, { filename });
    return NextResponse.json({ id: board.id }, { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
