// GET /api/orgs/<orgId>/report/rounds → {rounds: [{key, from, to, source, signed}], current}: newest first. 'report.read'.
// PUT /api/orgs/<orgId>/report/rounds {key: 'YYYY-MM', from, to, forBelow?} → {key, from, to}: the round's dates
//     (forBelow: a region or municipality sets them for every organisation below). 'report.edit'; 422 ROUND_INVALID.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { listRounds, setRound } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(_req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await listRounds(getDb(), user.principal, (await params).orgId));
  } catch (err) {
    return apiError(err);
  }
}

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await setRound(getDb(), user.principal, (await params).orgId, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
