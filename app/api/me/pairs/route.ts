// GET /api/me/pairs → {asMentee: [{pair, personId, mentorContacts, meetings, goals}], asMentor: PairSummary[]}:
//     «Моя пара» — the pairs the signed-in account is a member of (a mentee sees its mentor's name and contacts).
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { myPairs } from '@/db/queries/pairs';
import { apiError, requirePrincipal } from '../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await myPairs(getDb(), user.principal));
  } catch (err) {
    return apiError(err);
  }
}
