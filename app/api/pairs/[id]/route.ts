// GET /api/pairs/<id> → {pair: PairSummary, meetings: MeetingRecord[], goals: Goal[], surveys: [...], may, asMenteePersonId}:
//     for the organisation's curator, admin and head and the pair's own members (a mentee sees its own ratings).
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { getPair } from '@/db/queries/pairs';
import { apiError, requirePrincipal } from '../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await getPair(getDb(), user.principal, (await params).id));
  } catch (err) {
    return apiError(err);
  }
}
