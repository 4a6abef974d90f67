// GET /api/orgs/<orgId>/report?round=YYYY-MM → DESIGN.md's stable shape: {orgId, round: {from, to},
// signed: null | {by, at}, figures: {<key>: {value, numerator?, denominator?, target?}},
// children: [{orgId, name, signed, figures}]}. No `round`: the current one. 'report.read' (head,
// curator): 403; an organisation unknown or not visible: 404; a bad round: 422 ROUND_INVALID.
// A signed round answers its frozen figures.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { listRounds, reportApi } from '@/db/queries/reports';
import { apiError, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const db = getDb();
    const round = req.nextUrl.searchParams.get('round') ?? (await listRounds(db, user.principal, orgId)).current;
    return NextResponse.json(await reportApi(db, user.principal, orgId, round));
  } catch (err) {
    return apiError(err);
  }
}
