// GET  /api/orgs/<orgId>/pairs?status=&stage=&mentorId=&form= → PairSummary[] (names only for those who may see
//      them: the organisation's curator, admin and head, and each pair's own members; every read of names logged)
// POST /api/orgs/<orgId>/pairs {mentorId, menteeIds, form, roleModel?, rhythmDays?} (person ids from the banks)
//      → 201 {id, cardId}: the pair's card appears in «Встреча-знакомство» on the organisation's pairs board.
//      Refusals: 401/403/404, 422 with a stable code and a Russian message (PAIR_CONSENT_REQUIRED,
//      PROCESSING_STOPPED, MENTOR_OVER_CAPACITY, MENTEE_ALREADY_PAIRED, NOT_APPROVED_IN_BANK, UNPROCESSABLE).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { createPair, listPairs } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await listPairs(getDb(), user.principal, (await params).orgId, Object.fromEntries(req.nextUrl.searchParams)));
  } catch (err) {
    return apiError(err);
  }
}

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const created = await createPair(getDb(), user.principal, orgId, await readJsonBody(req));
    return NextResponse.json({ id: created.id, cardId: created.cardId }, { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
