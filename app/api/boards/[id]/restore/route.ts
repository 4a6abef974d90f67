// POST /api/boards/[id]/restore {eventId, field?} → 200 {cardId} – restores what an event of the board's
// trail changed (an old field value, a deleted card) as a new, audited change; for those who may edit
// the board; 404 for an event not of this board, 409 RESTORE_NOT_APPLICABLE when there is nothing to restore.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { restoreBoardEvent } from '@/db/queries/board-history';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await restoreBoardEvent(getDb(), user.principal, id, await readJsonBody(req, 4 * 1024)));
  } catch (err) {
    return apiError(err);
  }
}
