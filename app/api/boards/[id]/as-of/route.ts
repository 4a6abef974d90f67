// GET /api/boards/[id]/as-of?at=<ISO time> – the board as it was then, rebuilt from its audit trail
// → {at, eventId, prev, next, columns:[{id, title, cards:[{id, title, fields}]}]} (db/queries/board-history.ts);
// for those who may read its audit trail; 422 UNPROCESSABLE {fields:['at']} for a missing or malformed `at`.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { asOfTime, boardAsOf } from '@/db/queries/board-history';
import { apiError, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await boardAsOf(getDb(), user.principal, id, asOfTime(req.nextUrl.searchParams.get('at'))));
  } catch (err) {
    return apiError(err);
  }
}
