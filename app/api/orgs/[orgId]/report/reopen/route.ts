// POST /api/orgs/<orgId>/report/reopen {round, reason} → {ok: true}: a new version of a signed round. 'report.sign';
// 422 REASON_REQUIRED; 409 REPORT_NOT_SIGNED.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { reopenReport } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const body = obj(await readJsonBody(req));
    await reopenReport(getDb(), user.principal, orgId, body.round, body.reason);
    return NextResponse.json({ ok: true });
  } catch (err) {
    return apiError(err);
  }
}
