// GET /api/boards/[id]/audit – a board's audit events, newest first
// Filters: cardId, actorId, type, from, to (ISO times); paging: limit, before (an event id; see `next`).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { listBoardAudit } from '@/db/queries/audit';
import { AppError } from '@/lib/errors';
import { presentAudit } from '@/server/realtime/feed';
import { apiError } from '../../../../_lib/api';
import { currentUser } from '../../../../_lib/session';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    const query = Object.fromEntries(req.nextUrl.searchParams);
    const { rows, next } = await listBoardAudit(getDb(), user.principal, (await params).id, query);
    return NextResponse.json({ events: rows.map((r) => presentAudit(r.event, r.actorName)), next });
  } catch (err) {
    return apiError(err);
  }
}
