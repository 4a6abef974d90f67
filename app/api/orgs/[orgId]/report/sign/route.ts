// POST /api/orgs/<orgId>/report/sign {round} → {by, byName, at, version}: the head signs the round off (figures frozen
// with the audit chain heads). 'report.sign'; 409 REPORT_SIGNED.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { signReport } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const body = obj(await readJsonBody(req));
    return NextResponse.json(await signReport(getDb(), user.principal, orgId, body.round));
  } catch (err) {
    return apiError(err);
  }
}
