// POST /api/meetings/<id>/feedback {rating, comment?} → 200 {rating}: a mentee of the meeting's pair rates it 1–10
//      (again: replaces its rating); anyone else 403 (404 when it may not see the pair at all).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { rateMeeting } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await rateMeeting(getDb(), user.principal, id, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
