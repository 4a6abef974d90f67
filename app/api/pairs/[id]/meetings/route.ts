// POST /api/pairs/<id>/meetings {kind, heldOn, format?, summary?, nextSteps?, rating?, goals?, goalsReached?, reason?}
//      → 201 {id, stage, moved}: the pair's mentor or a curator/admin records a meeting; a meeting of a later stage
//      moves the pair's card there (past a column: `reason` required). 422 MEETING_IN_FUTURE, MEETING_BEFORE_START,
//      RATING_OUT_OF_RANGE, REASON_REQUIRED, MEETING_STAGE_PASSED, PAIR_NOT_ACTIVE, …
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { recordMeeting } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await recordMeeting(getDb(), user.principal, id, await readJsonBody(req)), { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
