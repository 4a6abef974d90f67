// PUT /api/orgs/<orgId>/report/contingent {round, students?, teachers?, youngSpecialists?, studentsBand?} → the round's
// contingent. 'report.edit' (curator); 409 REPORT_SIGNED; 422 CONTINGENT_INVALID, ROUND_INVALID.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setContingent } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const body = obj(await readJsonBody(req));
    const { round, ...rest } = body;
    return NextResponse.json(await setContingent(getDb(), user.principal, orgId, round, rest));
  } catch (err) {
    return apiError(err);
  }
}
