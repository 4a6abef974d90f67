// GET /api/boards/<id>/pairs → PairSummary[] for every pair of a pairs board, in ONE request (the cards' faces):
//     names only for those who may see them, null for everyone else; every read of names logged.
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { pairsForBoard } from '@/db/queries/pairs';
import { apiError, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await pairsForBoard(getDb(), user.principal, (await params).id));
  } catch (err) {
    return apiError(err);
  }
}
