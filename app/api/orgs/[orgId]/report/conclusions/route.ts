// PUT /api/orgs/<orgId>/report/conclusions {round, text} → {ok: true}: «Выводы и рекомендации». 'report.edit'; 409 REPORT_SIGNED.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setConclusions } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const body = obj(await readJsonBody(req));
    await setConclusions(getDb(), user.principal, orgId, body.round, body.text);
    return NextResponse.json({ ok: true });
  } catch (err) {
    return apiError(err);
  }
}
